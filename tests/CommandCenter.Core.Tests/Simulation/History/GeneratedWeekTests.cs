using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Tests.Simulation.History;

/// <summary>A generated week against the reducer and against the figures docs/simulation.md states.</summary>
public sealed class GeneratedWeekTests(GeneratedWeekFixture week) : IClassFixture<GeneratedWeekFixture>
{
    private SimulatorRun Run => week.Run;

    // The full China-time days inside the week: Tuesday 14 to Sunday 19 April 2026.
    private static readonly DateOnly[] WorkingDays = [new(2026, 4, 14), new(2026, 4, 15), new(2026, 4, 16), new(2026, 4, 17)];
    private static readonly DateOnly[] WeekendDays = [new(2026, 4, 18), new(2026, 4, 19)];

    [Fact]
    public void Generate_AWeek_AppliesEveryEventWithZeroRejections()
    {
        Assert.Empty(Run.Problems.Take(20));
        // Every entry is applied but the leader's daily housekeeping notices, one for each 04:00 in the week.
        var notices = week.Entries.Count(e => e[EnvelopeFields.Type] == EventTypes.LogArchived);
        Assert.Equal(7, notices);
        Assert.Equal(week.Entries.Count - notices, Run.Applied.Count);
        Assert.InRange(week.Entries.Count, 40_000, 70_000);
    }

    [Fact]
    public void Generate_AWeek_EmitsEveryEventType()
    {
        var seen = Run.Applied.Select(e => e.Type).ToHashSet();

        Assert.All(EventTypes.Domain, type => Assert.Contains(type, seen));
        Assert.All(Run.Applied, e => Assert.Contains(e.Source, new[] { "simulator", "deadline-watcher" }));
        Assert.All(Run.Applied.Where(e => e.Source == "deadline-watcher"),
            e => Assert.True(e.Type is EventTypes.DeadlineMissed or EventTypes.WhistleEscalated, e.Type));
    }

    [Fact]
    public void Generate_AWeek_IsInTimeOrderWithinTheSpan()
    {
        var times = Run.Applied.Select(e => e.OccurredAt).ToList();

        Assert.All(times, t => Assert.InRange(t, GeneratedWeekFixture.Start, GeneratedWeekFixture.End));
        for (var i = 1; i < times.Count; i++)
            Assert.True(times[i] >= times[i - 1], $"entry {i} at {times[i]:O} comes before {times[i - 1]:O}");
        Assert.All(week.Entries, e => Assert.EndsWith("+08:00", e[EnvelopeFields.OccurredAt]));
    }

    [Fact]
    public void Generate_AWeek_ArrivesAtTheStatedDailyVolumes()
    {
        // docs/simulation.md: an April working day holds about 380 tickets, 790 incidents; a weekend day 285 and 316.
        var tickets = week.PerDay(EventTypes.TicketReceived);
        var incidents = week.PerDay(EventTypes.IncidentReported);
        var dispatches = week.PerDay(EventTypes.DispatchCreated);
        var all = week.Entries.GroupBy(e => DateOnly.FromDateTime(DateTimeOffset.Parse(e[EnvelopeFields.OccurredAt]).DateTime))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.All(WorkingDays, d => Assert.InRange(tickets[d], 300, 470));
        Assert.All(WeekendDays, d => Assert.InRange(tickets[d], 220, 360));
        Assert.All(WorkingDays, d => Assert.InRange(incidents[d], 650, 950));
        Assert.All(WeekendDays, d => Assert.InRange(incidents[d], 240, 400));
        Assert.All(WorkingDays, d => Assert.InRange(dispatches[d], 250, 480));
        Assert.All(WorkingDays, d => Assert.InRange(all[d], 7_000, 11_000));
        Assert.All(WeekendDays, d => Assert.InRange(all[d], 3_500, 7_000));
        Assert.InRange(Run.Applied.Count(e => e.Type == EventTypes.WhistleBlown), 8, 35);
    }

    [Fact]
    public void Generate_AWeek_FollowsTheDayRhythm()
    {
        var byHour = new int[24];
        foreach (var e in Run.Applied.Where(e => e.Type is EventTypes.TicketReceived or EventTypes.IncidentReported))
            byHour[e.OccurredAt.ToOffset(TimeSpan.FromHours(8)).Hour]++;

        Assert.True(byHour[10] > 5 * byHour[3], $"10:00 had {byHour[10]} arrivals, 03:00 had {byHour[3]}");
        Assert.True(byHour[15] > byHour[12], "the afternoon peak is above the lunch lull");
    }

    [Fact]
    public void Generate_AWeek_HasLateDissatisfiedAndReopenedWorkAtTheStatedShares()
    {
        var tickets = Run.State.Tickets.Values.ToList();
        var closed = tickets.Where(t => !t.IsOpen).ToList();
        var rated = tickets.Where(t => t.Satisfaction is not null).ToList();
        var incidents = Run.State.Incidents.Values.ToList();

        Assert.InRange(Share(closed, t => t.ClosedAt > t.DueAt), 0.02, 0.12);
        Assert.InRange(Share(tickets, t => t.DeadlineMissed), 0.02, 0.12);
        Assert.InRange(Share(rated, t => t.Satisfaction == Satisfaction.Dissatisfied), 0.02, 0.10);
        Assert.InRange(Share(tickets, t => t.ReopenCount > 0), 0.02, 0.09);
        Assert.InRange(Share(incidents, i => i.DeadlineMissed), 0.05, 0.14);
        Assert.InRange(Share(incidents, i => i.Status == IncidentStatus.Closed && i.DeadlineMissed), 0.03, 0.14);
        Assert.Contains(Run.State.Dispatches.Values, d => d.Status == DispatchStatus.Cancelled);
        Assert.Contains(Run.State.Tickets.Values, t => t.ReopenCount > 0 && t.Status == TicketStatus.Evaluated);
    }

    [Fact]
    public void Generate_AWeek_LeavesTheWallFiguresAtTheEnd()
    {
        var figures = new KpiCalculator(DistrictModel.Gulou).Calculate(Run.State, GeneratedWeekFixture.End).District;

        Assert.InRange(figures.Tickets.OnTimeClosureRate ?? -1, 0.85, 1.0);
        Assert.InRange(figures.Tickets.SatisfactionRate ?? -1, 0.85, 1.0);
        Assert.True(figures.Tickets.ReceivedToday > 0 && figures.Incidents.ReportedToday > 0);
        Assert.True(figures.Tickets.Overdue > 0, "some open tickets are past due");
        Assert.True(figures.Incidents.Overdue > 0, "some open incidents are past due");
        Assert.True(figures.Teams.Busy > 0);
    }

    [Fact]
    public void Generate_AWeek_SendsTeamsOnlyToOpenIncidentsOfTheirStreet()
    {
        var dispatches = Run.State.Dispatches.Values.ToList();

        Assert.All(dispatches, d => Assert.Equal(d.Street, DistrictModel.Gulou.Teams[d.TeamId].Street.Code));
        Assert.True(dispatches.Count(d => d.IncidentId is not null) > dispatches.Count / 2);
        Assert.Contains(Run.Applied.Select(e => e.Payload).OfType<TeamStatusChanged>(), c => c.Status == TeamStatus.OffDuty);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? double.NaN : (double)items.Count(predicate) / items.Count;
}
