using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Kpis;

public sealed class KpiCalculatorTests
{
    private static readonly KpiCalculator Calculator = new(Flow.Model);
    private static readonly TimeSpan China = Flow.China;

    /// <summary>Friday 27 Nov 2026, 18:00 in Nanjing.</summary>
    private static readonly DateTimeOffset Evening = new(2026, 11, 27, 18, 0, 0, China);

    private static readonly DateTimeOffset Yesterday = new(2026, 11, 26, 10, 0, 0, China);

    [Fact]
    public void Calculate_EmptyState_EveryStreetPresentWithZerosAndEveryTeamAvailable()
    {
        var kpis = Calculator.Calculate(DistrictState.Empty, Evening);

        Assert.Equal(Flow.Model.Streets.Select(s => s.Code), kpis.Streets.Select(s => s.Street));
        Assert.Equal(new IncidentKpis(0, 0, 0, 0), kpis.District.Incidents);
        Assert.Equal(new TicketKpis(0, 0, 0, 0, 0, 0, 0), kpis.District.Tickets);
        Assert.Null(kpis.District.Tickets.OnTimeClosureRate);
        Assert.Null(kpis.District.Tickets.SatisfactionRate);
        Assert.Equal(new WhistleKpis(0, 0, 0, 0, []), kpis.District.Whistles);
        Assert.Equal(new TeamKpis(78, 0, 0, 0, 0), kpis.District.Teams);
        Assert.All(kpis.Streets, s => Assert.Equal(new TeamKpis(Flow.Model.StreetsByCode[s.Street].Teams.Count, 0, 0, 0, 0), s.Kpis.Teams));
        Assert.All(kpis.Streets, s => Assert.Equal(KpiSet.Zero with { Teams = s.Kpis.Teams }, s.Kpis));
    }

    [Fact]
    public void Calculate_ItemsAroundChinaMidnight_CountTodayByChinaCalendar()
    {
        var flow = new Flow();
        flow.Now = new DateTimeOffset(2026, 11, 26, 23, 58, 0, China); // next event at 23:59 on the 26th
        flow.NewIncident();
        flow.Now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, China).AddMinutes(-1); // next at exactly 00:00 on the 27th
        flow.NewIncident();
        flow.Now = new DateTimeOffset(2026, 11, 27, 0, 9, 0, China); // 16:10 UTC on the 26th
        flow.NewTicket();

        var justAfterMidnight = new DateTimeOffset(2026, 11, 26, 16, 30, 0, TimeSpan.Zero);
        var kpis = Calculator.Calculate(flow.State, justAfterMidnight);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, China), kpis.DayStart);
        Assert.Equal(1, kpis.District.Incidents.ReportedToday);
        Assert.Equal(2, kpis.District.Incidents.Open);
        Assert.Equal(1, kpis.District.Tickets.ReceivedToday);
    }

    [Fact]
    public void Calculate_Incidents_CountsReportedOpenClosedAndOverdue()
    {
        var flow = new Flow { Now = Yesterday };
        var oldOpenOverdue = flow.IncidentAt(IncidentStatus.Assigned, dueAt: Yesterday.AddHours(4));
        var closedYesterday = flow.IncidentAt(IncidentStatus.Closed);
        flow.Now = Evening.AddHours(-8); // 10:00 today
        var closedTodayPastDue = flow.IncidentAt(IncidentStatus.Closed, dueAt: Evening.AddHours(-7.9));
        var openFutureDue = flow.IncidentAt(IncidentStatus.Accepted, dueAt: Evening.AddHours(2));
        var openNoDue = flow.IncidentAt(IncidentStatus.Reported);
        var reopened = flow.IncidentAt(IncidentStatus.Reopened);
        var missedDue = Evening.AddHours(-1);
        var markedMissed = flow.IncidentAt(IncidentStatus.Assigned, dueAt: missedDue);
        Assert.True(flow.Apply(new DeadlineMissed(DeadlineKind.Incident, markedMissed, missedDue), at: missedDue).IsApplied);

        // At the very moment of the due time DueAt < now is false: only the missed flag makes it overdue.
        var kpis = Calculator.Calculate(flow.State, missedDue);

        var incidents = kpis.District.Incidents;
        Assert.Equal(5, incidents.ReportedToday); // closedTodayPastDue, openFutureDue, openNoDue, reopened, markedMissed
        Assert.Equal(5, incidents.Open); // oldOpenOverdue, openFutureDue, openNoDue, reopened, markedMissed
        Assert.Equal(1, incidents.ClosedToday); // reopened incidents are no longer closed
        Assert.Equal(2, incidents.Overdue); // oldOpenOverdue by due time, markedMissed by the watcher
        Assert.Equal(incidents, kpis.ForStreet(Flow.Street).Incidents);
        Assert.NotEqual(closedYesterday, closedTodayPastDue);
        Assert.NotEqual(openFutureDue, openNoDue);
        Assert.NotEqual(oldOpenOverdue, reopened);
    }

    [Fact]
    public void Calculate_OpenIncidentPastDue_BecomesOverdueAsTimePasses()
    {
        var flow = new Flow();
        var due = Flow.Start.AddHours(2);
        flow.IncidentAt(IncidentStatus.Assigned, dueAt: due);

        // Overdue from the due instant on, as the deadline watcher records it (Deadlines/Overdue.IsPast).
        Assert.Equal(0, Calculator.Calculate(flow.State, due.AddTicks(-1)).District.Incidents.Overdue);
        Assert.Equal(1, Calculator.Calculate(flow.State, due).District.Incidents.Overdue);
    }

    [Fact]
    public void Calculate_Tickets_CountsReceivedClosedOpenOverdueAndOnTimeRate()
    {
        var flow = new Flow { Now = Yesterday };
        var lateOpen = flow.TicketAt(TicketStatus.Assigned, dueAt: Yesterday.AddHours(3));
        var closedYesterday = flow.TicketAt(TicketStatus.Closed);
        var receivedYesterdayClosedTodayLate = flow.TicketAt(TicketStatus.Answered, dueAt: Yesterday.AddHours(5));
        flow.Now = Evening.AddHours(-9); // 09:00 today
        flow.Given(new TicketVerified(receivedYesterdayClosedTodayLate, "回访满意"), new TicketClosed(receivedYesterdayClosedTodayLate));
        var onTime1 = flow.TicketAt(TicketStatus.Closed, dueAt: Evening);
        var onTime2 = flow.TicketAt(TicketStatus.Evaluated, dueAt: Evening);
        var openInTime = flow.TicketAt(TicketStatus.Received, dueAt: Evening.AddDays(2));
        var reopened = flow.TicketAt(TicketStatus.Reopened, dueAt: Evening.AddDays(1));

        var tickets = Calculator.Calculate(flow.State, Evening).District.Tickets;

        Assert.Equal(4, tickets.ReceivedToday); // onTime1, onTime2, openInTime, reopened
        Assert.Equal(3, tickets.ClosedToday); // receivedYesterdayClosedTodayLate, onTime1, onTime2 (evaluated counts as closed)
        Assert.Equal(2, tickets.ClosedOnTimeToday);
        Assert.Equal(2.0 / 3, tickets.OnTimeClosureRate);
        Assert.Equal(3, tickets.Open); // lateOpen, openInTime, reopened
        Assert.Equal(1, tickets.Overdue); // lateOpen
        Assert.NotEqual(closedYesterday, lateOpen);
        Assert.NotEqual(onTime1, onTime2);
        Assert.NotEqual(openInTime, reopened);
    }

    [Fact]
    public void Calculate_TicketClosedExactlyAtDueTime_IsOnTime()
    {
        var flow = new Flow();
        var due = Flow.Start.AddMinutes(5);
        var id = flow.TicketAt(TicketStatus.Verified, dueAt: due); // received 09:01, verified 09:04
        Assert.True(flow.Apply(new TicketClosed(id), at: due).IsApplied);

        var tickets = Calculator.Calculate(flow.State, Evening).District.Tickets;

        Assert.Equal((1, 1, 1.0), (tickets.ClosedToday, tickets.ClosedOnTimeToday, tickets.OnTimeClosureRate));
    }

    [Fact]
    public void Calculate_Satisfaction_IsShareOfSatisfiedAndBasicallySatisfiedAmongEvaluated()
    {
        var flow = new Flow { Now = Yesterday };
        flow.TicketAt(TicketStatus.Evaluated, rating: Satisfaction.Satisfied);
        flow.TicketAt(TicketStatus.Evaluated, rating: Satisfaction.BasicallySatisfied);
        flow.TicketAt(TicketStatus.Evaluated, rating: Satisfaction.Dissatisfied);
        flow.TicketAt(TicketStatus.Evaluated, rating: Satisfaction.Dissatisfied);
        var rerated = flow.TicketAt(TicketStatus.Evaluated, rating: Satisfaction.Dissatisfied);
        flow.Given(new TicketReopened(rerated, "市民不满意，重新办理")); // a reopen clears the rating
        flow.TicketAt(TicketStatus.Closed); // closed but not rated

        var tickets = Calculator.Calculate(flow.State, Evening).District.Tickets;

        Assert.Equal((4, 2), (tickets.Evaluated, tickets.Satisfied));
        Assert.Equal(0.5, tickets.SatisfactionRate);
        Assert.Null(tickets.OnTimeClosureRate); // nothing closed today
    }

    [Fact]
    public void Calculate_Whistles_ActiveByLevelAndDepartmentsNotReported()
    {
        var flow = new Flow();
        var blown = flow.NewWhistle(); // chengguan + market, none reported
        var partly = flow.NewWhistle(level: WhistleLevel.ToughProblem);
        flow.Given(new WhistleDepartmentReported(partly, "market"));
        var escalated = flow.NewWhistle();
        flow.Given(new WhistleDepartmentReported(escalated, "chengguan"), new WhistleEscalated(escalated, WhistleLevel.District, "提请区领导协调"));
        flow.WhistleAt(WhistleStatus.Resolved); // active; market never reported, but report-in stage is over
        flow.WhistleAt(WhistleStatus.Closed);
        flow.WhistleAt(WhistleStatus.Evaluated);
        var other = Guid.NewGuid();
        flow.GivenIn(Flow.OtherStreet, new WhistleBlown(other, WhistleLevel.WorkAdvance, "河道保洁协调", ["water", "environment"], flow.Now.AddHours(3)));

        var kpis = Calculator.Calculate(flow.State, Evening);

        var mine = kpis.ForStreet(Flow.Street).Whistles;
        Assert.Equal((2, 1, 1, 4), (mine.WorkAdvance, mine.ToughProblem, mine.District, mine.Active));
        Assert.Equal(4, mine.DepartmentsNotReported); // blown: 2, partly: chengguan, escalated: market
        Assert.Equal(new[] { "chengguan", "market" }, mine.DepartmentsNotReportedCodes);
        var district = kpis.District.Whistles;
        Assert.Equal((3, 1, 1, 6), (district.WorkAdvance, district.ToughProblem, district.District, district.DepartmentsNotReported));
        Assert.Equal(new[] { "chengguan", "environment", "market", "water" }, district.DepartmentsNotReportedCodes);
        Assert.NotEqual(blown, other);
    }

    [Fact]
    public void Calculate_Teams_AllModelTeamsByLiveStatus()
    {
        var flow = new Flow();
        flow.DispatchAt(DispatchStatus.Created, team: Flow.Team(index: 0));
        flow.DispatchAt(DispatchStatus.EnRoute, team: Flow.Team(index: 1));
        flow.DispatchAt(DispatchStatus.OnScene, team: Flow.Team(index: 2));
        flow.DispatchAt(DispatchStatus.Completed, team: Flow.Team(index: 3)); // back to available
        flow.Given(new TeamStatusChanged(Flow.Team(index: 4), TeamStatus.OffDuty));
        flow.GivenIn(Flow.OtherStreet, new TeamStatusChanged(Flow.Team(Flow.OtherStreet), TeamStatus.OffDuty));
        flow.DispatchAt(DispatchStatus.Acknowledged, Flow.OtherStreet, Flow.Team(Flow.OtherStreet, 1));

        var kpis = Calculator.Calculate(flow.State, Evening);

        Assert.Equal(new TeamKpis(2, 1, 1, 1, 1), kpis.ForStreet(Flow.Street).Teams); // unit 6 never moved, unit 4 came back
        Assert.Equal(new TeamKpis(4, 1, 0, 0, 1), kpis.ForStreet(Flow.OtherStreet).Teams);
        Assert.Equal(new TeamKpis(78 - 6, 2, 1, 1, 2), kpis.District.Teams);
        Assert.Equal(78, kpis.District.Teams.Total);
        Assert.Equal(4, kpis.District.Teams.Busy);
    }

    [Fact]
    public void Calculate_ManyStreets_DistrictIsTheSumOfStreetsAndStreetsStaySeparate()
    {
        var flow = new Flow();
        var streets = Flow.Model.Streets.Select(s => s.Code).ToArray();
        for (var i = 0; i < streets.Length; i++)
        {
            for (var n = 0; n <= i; n++)
                flow.IncidentAt(IncidentStatus.Accepted, streets[i]);
            if (i % 2 == 0)
                flow.TicketAt(TicketStatus.Evaluated, streets[i]);
        }

        var kpis = Calculator.Calculate(flow.State, Evening);

        for (var i = 0; i < streets.Length; i++)
        {
            var street = kpis.ForStreet(streets[i]);
            Assert.Equal(i + 1, street.Incidents.Open);
            Assert.Equal(i % 2 == 0 ? 1 : 0, street.Tickets.ClosedToday);
            Assert.Equal(i % 2 == 0 ? 1.0 : null, street.Tickets.SatisfactionRate);
        }
        Assert.Equal(kpis.Streets.Sum(s => s.Kpis.Incidents.Open), kpis.District.Incidents.Open);
        Assert.Equal(91, kpis.District.Incidents.ReportedToday);
        Assert.Equal(7, kpis.District.Tickets.ClosedToday);
        Assert.Throws<KeyNotFoundException>(() => kpis.ForStreet("xiaguan"));
    }

    [Fact]
    public void Calculate_SameStateAndMoment_GivesEqualResults()
    {
        var flow = new Flow();
        flow.WhistleAt(WhistleStatus.Blown);
        flow.IncidentAt(IncidentStatus.Assigned, dueAt: Flow.Start.AddHours(1));

        var first = Calculator.Calculate(flow.State, Evening);
        var second = new KpiCalculator(Flow.Model).Calculate(flow.State, Evening);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.District.Whistles, second.District.Whistles); // compared by value, the code lists are distinct arrays
        Assert.NotEqual(first, Calculator.Calculate(flow.State, Evening.AddMinutes(1)));
    }

    [Fact]
    public void Calculate_StateChangeBetweenCalls_ResultsDiffer()
    {
        var flow = new Flow();
        var id = flow.WhistleAt(WhistleStatus.Blown);
        var before = Calculator.Calculate(flow.State, Evening);

        flow.Given(new WhistleDepartmentReported(id, "market"));
        var after = Calculator.Calculate(flow.State, Evening);

        Assert.NotEqual(before, after);
        Assert.Equal(new[] { "chengguan" }, after.District.Whistles.DepartmentsNotReportedCodes);
    }
}
