using System.Text.RegularExpressions;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Tests.Simulation;

public sealed class DistrictSimulatorDayTests(SimulatedDayFixture day) : IClassFixture<SimulatedDayFixture>
{
    private SimulatorRun Run => day.Run;

    [Fact]
    public void Next_OverASimulatedDay_EmitsAboutTheConfiguredNumberOfEvents()
    {
        var total = day.EventsByHour.Sum();
        Assert.InRange(total, 18_000, 22_000);
    }

    [Fact]
    public void Next_OverASimulatedDay_AppliesWithZeroRejections()
    {
        Assert.Empty(Run.Problems.Take(20));
        Assert.Equal(day.EventsByHour.Sum(), Run.Applied.Count);
    }

    [Fact]
    public void Next_OverASimulatedDay_EmitsEveryEventTypeButDeadlineMissed()
    {
        var seen = Run.Applied.Select(e => e.Type).ToHashSet();
        var expected = EventTypes.Domain.Where(t => t != EventTypes.DeadlineMissed);

        Assert.Equal(EventTypes.Domain.Count - 1, expected.Count(seen.Contains));
        Assert.All(expected, t => Assert.Contains(t, seen));
        Assert.DoesNotContain(EventTypes.DeadlineMissed, seen);
        Assert.All(Run.Applied, e => Assert.Equal("simulator", e.Source));
    }

    [Fact]
    public void Next_OverASimulatedDay_CoversAllThirteenStreets()
    {
        var streets = Run.Applied.GroupBy(e => e.Street).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(13, streets.Count);
        Assert.Equal(DistrictModel.Gulou.Streets.Select(s => s.Code).Order(), streets.Keys.Order());
        // Streets are about the same size, so none should be starved.
        Assert.All(streets.Values, count => Assert.InRange(count, Run.Applied.Count / 13 / 2, Run.Applied.Count / 13 * 2));
    }

    [Fact]
    public void Next_OverASimulatedDay_FollowsTheDayRhythm()
    {
        Assert.True(day.EventsByHour[10] > 5 * day.EventsByHour[3],
            $"10:00 had {day.EventsByHour[10]} events, 03:00 had {day.EventsByHour[3]}");
        Assert.True(day.EventsByHour[15] > 3 * day.EventsByHour[2]);
        Assert.True(day.EventsByHour[10] > day.EventsByHour[12], "the morning peak is above the lunch lull");
    }

    [Fact]
    public void Next_OverASimulatedDay_LeavesSomeDepartmentsLateOrAbsent()
    {
        var whistles = Run.State.Whistles.Values.ToList();
        var done = whistles.Where(w => w.Status != WhistleStatus.Blown).ToList();

        Assert.Contains(whistles, w => w.Departments.Any(d => d.ReportedAt > w.ReportDueAt));
        Assert.Contains(done, w => w.Departments.Any(d => d.ReportedAt is null));
        Assert.All(done, w => Assert.Contains(w.Departments, d => d.ReportedAt is not null));
        Assert.Contains(whistles, w => w.Departments.All(d => d.ReportedAt <= w.ReportDueAt));
        Assert.All(whistles, w => Assert.InRange(w.ReportDueAt - w.BlownAt, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)));
        Assert.All(whistles, w => Assert.InRange(w.Departments.Length, 1, 4));
        Assert.Contains(whistles, w => w.Level == WhistleLevel.ToughProblem);
        Assert.Contains(whistles, w => w.Level == WhistleLevel.District);
        Assert.True(whistles.Count(w => w.Level == WhistleLevel.WorkAdvance) > whistles.Count(w => w.Level == WhistleLevel.ToughProblem));
    }

    [Fact]
    public void Next_OverASimulatedDay_CarriesItemsToTheirEnd()
    {
        var state = Run.State;

        Assert.True(state.Incidents.Values.Count(i => i.Status == IncidentStatus.Closed) > state.Incidents.Count / 2);
        Assert.True(state.Tickets.Values.Count(t => t.Status == TicketStatus.Evaluated) > state.Tickets.Count / 2);
        Assert.True(state.Whistles.Values.Count(w => w.Status == WhistleStatus.Evaluated) > state.Whistles.Count / 2);
        Assert.True(state.Dispatches.Values.Count(d => d.Status == DispatchStatus.Completed) > state.Dispatches.Count / 2);
        Assert.Contains(state.Dispatches.Values, d => d.Status == DispatchStatus.Cancelled);
        Assert.Contains(state.Tickets.Values, t => t.ReopenCount > 0 && t.Status == TicketStatus.Evaluated);
        Assert.All(state.Whistles.Values.Where(w => w.Status == WhistleStatus.Evaluated),
            w => Assert.All(w.Departments, d => Assert.InRange(d.Score ?? -1, 60, 100)));
    }

    [Fact]
    public void Next_OverASimulatedDay_SendsTeamsToIncidentsOfTheirStreet()
    {
        var dispatches = Run.State.Dispatches.Values.ToList();
        var model = DistrictModel.Gulou;

        Assert.All(dispatches, d => Assert.Equal(d.Street, model.Teams[d.TeamId].Street.Code));
        Assert.True(dispatches.Count(d => d.IncidentId is not null) > dispatches.Count / 3);
        Assert.All(dispatches.Where(d => d.IncidentId is { }), d => Assert.Equal(d.Street, Run.State.Incidents[d.IncidentId!.Value].Street));
        var teamChanges = Run.Applied.Select(e => e.Payload).OfType<TeamStatusChanged>().ToList();
        Assert.Contains(teamChanges, c => c.Status == TeamStatus.OffDuty);
        Assert.Contains(teamChanges, c => c.Status == TeamStatus.Available);
    }

    [Fact]
    public void Next_OverASimulatedDay_ReadsLikeTheDistrict()
    {
        var incidents = Run.State.Incidents.Values.ToList();
        var tickets = Run.State.Tickets.Values.ToList();

        Assert.True(incidents.Count(i => i.Severity >= 3) > incidents.Count * 0.6, "most incidents are routine (3–4)");
        Assert.Contains(incidents, i => i.Severity == 2);
        Assert.Contains(incidents, i => i.Severity == 1);
        Assert.True(incidents.Count(i => i.Severity == 1) < incidents.Count * 0.06, "severity 1 is rare");
        Assert.Contains(incidents, i => i.Category == "占道经营");
        Assert.Contains(incidents, i => i.Category == "消防通道堵塞");
        Assert.All(incidents, i => Assert.True(i.DueAt > i.ReportedAt));

        Assert.True(tickets.Count(t => t.Channel == "12345") > tickets.Count * 0.7);
        Assert.Contains(tickets, t => t.Channel == "96180");
        Assert.All(tickets, t => Assert.Matches(new Regex(@"^1[3-9]\d\*{4}\d{4}$"), t.CallerMasked));
        Assert.All(tickets, t => Assert.InRange(t.DueAt - t.ReceivedAt, TimeSpan.FromHours(1), TimeSpan.FromDays(5)));
        Assert.Contains(tickets, t => t.DueAt - t.ReceivedAt < TimeSpan.FromHours(12));
        var rated = tickets.Where(t => t.Satisfaction is not null).ToList();
        Assert.True(rated.Count(t => t.Satisfaction == Satisfaction.Satisfied) > rated.Count / 2, "most callers are satisfied");
    }

    [Fact]
    public void Next_OverASimulatedDay_KeepsFewItemsInMemory()
    {
        // A day at this rate follows a few hundred items at most; finished ones are forgotten.
        Assert.InRange(day.MaxActiveItems, 1, 1_000);
    }
}
