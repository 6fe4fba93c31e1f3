using CommandCenter.Core.Deadlines;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Deadlines;

public sealed class OverdueTests
{
    private static readonly DateTimeOffset Due = Flow.Start.AddHours(2);

    [Fact]
    public void IsOverdue_OpenIncident_FromTheDueInstantOn()
    {
        var flow = new Flow();
        var id = flow.IncidentAt(IncidentStatus.Assigned, dueAt: Due);
        var incident = flow.State.Incidents[id];

        Assert.False(Overdue.IsOverdue(incident, Due.AddTicks(-1)));
        Assert.True(Overdue.IsOverdue(incident, Due));
        Assert.False(Overdue.IsOverdue(incident with { DueAt = null }, Due.AddDays(9)));
        Assert.False(Overdue.IsOverdue(incident with { Status = IncidentStatus.Closed }, Due.AddDays(1)));
        Assert.True(Overdue.IsOverdue(incident with { DeadlineMissed = true }, Flow.Start));
    }

    [Fact]
    public void IsOverdue_OpenTicket_FromTheDueInstantOnUntilItCloses()
    {
        var flow = new Flow();
        var id = flow.TicketAt(TicketStatus.Assigned, dueAt: Due);
        var ticket = flow.State.Tickets[id];

        Assert.False(Overdue.IsOverdue(ticket, Due.AddTicks(-1)));
        Assert.True(Overdue.IsOverdue(ticket, Due));
        Assert.False(Overdue.IsOverdue(ticket with { Status = TicketStatus.Evaluated }, Due.AddDays(1)));
    }

    [Fact]
    public void ReportIn_Department_ReportedWaitingOrLate()
    {
        var flow = new Flow();
        var id = flow.NewWhistle(reportDueAt: Due);
        var whistle = flow.State.Whistles[id];
        var waiting = whistle.Departments[0];

        Assert.Equal(ReportStatus.Waiting, Overdue.ReportIn(whistle, waiting, Due.AddTicks(-1)));
        Assert.Equal(ReportStatus.Late, Overdue.ReportIn(whistle, waiting, Due));
        Assert.Equal(ReportStatus.Late, Overdue.ReportIn(whistle, waiting with { Missed = true }, Flow.Start));
        Assert.Equal(ReportStatus.Reported, Overdue.ReportIn(whistle, waiting with { ReportedAt = Due.AddHours(1), Missed = true }, Due.AddHours(2)));
    }

    [Fact]
    public void IsLate_Whistle_WhileWaitingPastTheDeadlineOrWithARecordedMiss()
    {
        var flow = new Flow();
        var id = flow.NewWhistle(reportDueAt: Due);
        var whistle = flow.State.Whistles[id];
        var resolved = whistle with { Status = WhistleStatus.Resolved };
        var missed = resolved with { Departments = [whistle.Departments[0] with { Missed = true, ReportedAt = Due.AddMinutes(5) }, whistle.Departments[1]] };

        Assert.False(Overdue.IsLate(whistle, Due.AddTicks(-1)));
        Assert.True(Overdue.IsLate(whistle, Due));
        // Once feedback is given nobody is waited for: only a recorded miss still counts.
        Assert.False(Overdue.IsLate(resolved, Due.AddHours(1)));
        Assert.True(Overdue.IsLate(missed, Due.AddHours(1)));
        Assert.True(Overdue.IsOverdue(missed, Due.AddHours(1)));
        Assert.False(Overdue.IsOverdue(missed with { Status = WhistleStatus.Closed }, Due.AddHours(1)));
    }
}
