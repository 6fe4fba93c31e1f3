using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Simulation;
using CommandCenter.Core.Tests.Support;
using CommandCenter.Core.Time;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>
/// The hot state (docs/decisions/0010): the leader's archive notice removes items closed before its cut-off and keeps
/// open ones; an event about an archived item is rejected as for an unknown one; rollups and open indexes always
/// agree with a count over the entities.
/// </summary>
public sealed class HotStateTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Apply_ArchiveNotice_RemovesItemsClosedBeforeTheCutOffAndKeepsOpenAndRecentOnes()
    {
        var flow = new Flow { Now = Morning.AddDays(-10) };
        var oldClosedTicket = flow.TicketAt(TicketStatus.Evaluated);
        var oldClosedIncident = flow.IncidentAt(IncidentStatus.Closed);
        var oldOpenTicket = flow.TicketAt(TicketStatus.Assigned);
        flow.Now = Morning.AddDays(-1);
        var recentClosedTicket = flow.TicketAt(TicketStatus.Closed);
        var appliedBefore = flow.State.AppliedCount;

        var result = flow.Apply(new LogArchived(Morning, Morning.AddDays(-8)), at: Morning);

        Assert.Equal(OutcomeKind.Notice, result.Outcome);
        Assert.Empty(result.Changed); // the database keeps every row as it is
        Assert.False(result.State.Tickets.ContainsKey(oldClosedTicket));
        Assert.False(result.State.Incidents.ContainsKey(oldClosedIncident));
        Assert.True(result.State.Tickets.ContainsKey(oldOpenTicket));
        Assert.True(result.State.Tickets.ContainsKey(recentClosedTicket));
        Assert.Contains(oldOpenTicket, result.State.OpenTickets);
        Assert.Equal(appliedBefore, result.State.AppliedCount);
    }

    [Fact]
    public void Apply_ReopenOrLateRatingOfAnArchivedTicket_IsRejectedAsUnknownAndChangesNothing()
    {
        var flow = new Flow { Now = Morning.AddDays(-10) };
        var ticket = flow.TicketAt(TicketStatus.Closed);
        flow.Apply(new LogArchived(Morning, Morning.AddDays(-8)), at: Morning);
        var before = flow.State;

        var reopen = flow.Apply(new TicketReopened(ticket, "市民回访不满意"));
        var rating = flow.Apply(new TicketEvaluated(ticket, Satisfaction.Dissatisfied));

        Assert.Equal(OutcomeKind.Rejected, reopen.Outcome);
        Assert.Contains("does not exist", reopen.Reason);
        Assert.Equal(OutcomeKind.Rejected, rating.Outcome);
        Assert.Equal(before.Tickets, flow.State.Tickets);
    }

    [Fact]
    public void Apply_ArchiveNotice_KeepsRollupDaysAroundItsNowOnly()
    {
        var flow = new Flow { Now = Morning.AddDays(-60) };
        flow.TicketAt(TicketStatus.Closed);
        flow.Now = Morning.AddDays(-2);
        flow.TicketAt(TicketStatus.Closed);
        Assert.Equal(2, flow.State.Rollups.Days.Count);

        flow.Apply(new LogArchived(Morning, Morning.AddDays(-8)), at: Morning);

        Assert.Equal([DistrictRollups.DayOf(Morning.AddDays(-2))], flow.State.Rollups.Days.Keys);
    }

    [Fact]
    public void Apply_ArchiveNoticeTwice_IsTheSameAsOnce()
    {
        var flow = new Flow { Now = Morning.AddDays(-10) };
        flow.TicketAt(TicketStatus.Closed);
        var notice = new LogArchived(Morning, Morning.AddDays(-8));
        var once = flow.Apply(notice, at: Morning).State;

        var twice = flow.Apply(notice, at: Morning).State;

        Assert.Equal(once.Tickets, twice.Tickets);
        Assert.Equal(once.Rollups.Days.Keys, twice.Rollups.Days.Keys);
    }

    /// <summary>
    /// The oracle: two simulated days counted the slow way, over every entity, must equal what the rollups and open
    /// indexes say at every hour — whatever the reopenings, ratings and cancellations in between.
    /// </summary>
    [Fact]
    public void Calculate_FromRollupsAndIndexes_EqualsACountOverEveryEntityThroughTwoSimulatedDays()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 5);
        var run = new SimulatorRun();
        var calculator = new KpiCalculator(DistrictModel.Gulou);
        for (var hour = 0; hour < 48; hour++)
        {
            for (var minute = 0; minute < 60; minute += 2)
                run.Apply(simulator.Next(Morning.AddHours(hour).AddMinutes(minute), 12));
            var now = Morning.AddHours(hour + 1);
            var fast = calculator.Calculate(run.State, now);
            var slow = SlowCount(run.State, now);
            Assert.Equal(slow, Flatten(fast));
        }
        Assert.Empty(run.Problems.Take(5));
    }

    private static (int, int, int, int, int, int, int, int, int, int, int) Flatten(DistrictKpis k) =>
        (k.District.Incidents.ReportedToday, k.District.Incidents.Open, k.District.Incidents.ClosedToday, k.District.Incidents.Overdue,
         k.District.Tickets.ReceivedToday, k.District.Tickets.ClosedToday, k.District.Tickets.Open, k.District.Tickets.Overdue,
         k.District.Tickets.ClosedOnTimeToday, k.District.Tickets.Evaluated, k.District.Tickets.Satisfied);

    private static (int, int, int, int, int, int, int, int, int, int, int) SlowCount(DistrictState state, DateTimeOffset now)
    {
        var dayStart = DistrictClock.StartOfDay(now);
        bool Today(DateTimeOffset? t) => t is { } time && time >= dayStart && time < dayStart.AddDays(1);
        var monthStart = dayStart.AddDays(-(KpiCalculator.SatisfactionDays - 1));
        var incidents = state.Incidents.Values;
        var tickets = state.Tickets.Values;
        return (
            incidents.Count(i => Today(i.ReportedAt)),
            incidents.Count(i => i.IsOpen),
            incidents.Count(i => !i.IsOpen && Today(i.ClosedAt)),
            incidents.Count(i => Core.Deadlines.Overdue.IsOverdue(i, now)),
            tickets.Count(t => Today(t.ReceivedAt)),
            tickets.Count(t => !t.IsOpen && Today(t.ClosedAt)),
            tickets.Count(t => t.IsOpen),
            tickets.Count(t => Core.Deadlines.Overdue.IsOverdue(t, now)),
            tickets.Count(t => !t.IsOpen && Today(t.ClosedAt) && t.ClosedAt <= t.DueAt),
            tickets.Count(t => t.Satisfaction is not null && t.UpdatedAt >= monthStart),
            tickets.Count(t => t.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied && t.UpdatedAt >= monthStart));
    }
}
