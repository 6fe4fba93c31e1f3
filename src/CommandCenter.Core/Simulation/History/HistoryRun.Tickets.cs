using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using static CommandCenter.Core.Simulation.History.ItemTimeline;

namespace CommandCenter.Core.Simulation.History;

internal sealed partial class HistoryRun
{
    /// <summary>
    /// A 12345 ticket from the call to the citizen's rating: assigned to a street body, answered, verified at the
    /// call-back, closed on time or late, rated (or not), sometimes sent back at the call-back or after a dissatisfied
    /// rating and handled again. A deadline passed while open is marked as the deadline watcher would.
    /// </summary>
    private void StartTicket(DateTimeOffset at)
    {
        var street = PickStreet();
        var kind = Pick(SimulationCatalog.Tickets);
        var community = Pick(street.Communities);
        var id = NewId();
        var place = $"{community.Name}{Pick(SimulationCatalog.Places)}";
        var due = TicketDue(at);
        var ticket = new ItemTimeline(street.Code);
        ticket.Add(at, new TicketReceived(id,
            Channel: Chance(0.85) ? "12345" : "96180",
            kind.Category,
            Content: $"来电人{Pick(kind.Contents).Replace("{place}", place)}",
            CallerMasked: MaskedCaller(),
            DueAt: China(due),
            Address: $"{street.Name}{community.Name}{_random.Next(1, 120)}号"), Source, change: Openness.Opens);

        var late = Chance(Shares.TicketsLate);
        var closeAt = late
            ? InOffice(due + Skewed(TimeSpan.FromHours(1), TimeSpan.FromHours(72)))
            : OnTime(at + (due - at) * (0.08 + 0.87 * Math.Pow(_random.NextDouble(), 1.6)), due);
        var closed = HandleTicket(ticket, id, kind, at, closeAt, backAtCallBack: Chance(Shares.TicketsReopenedAtCallBack));

        if (Chance(Shares.TicketsRated))
        {
            var satisfaction = Rating(closed > due);
            var rated = ticket.Add(InCallHours(closed + Skewed(TimeSpan.FromMinutes(10), TimeSpan.FromHours(24))),
                new TicketEvaluated(id, satisfaction), Source);
            if (satisfaction == Satisfaction.Dissatisfied && Chance(Shares.DissatisfiedReopened))
            {
                var reopened = ticket.Add(InOffice(rated + Minutes(10, 240)), new TicketReopened(id, "市民不满意，重新派单办理"), Source,
                    change: Openness.Opens);
                var closedAgain = HandleTicket(ticket, id, kind, reopened, InOffice(reopened + Hours(4, 72)), backAtCallBack: false);
                ticket.Add(InCallHours(closedAgain + Skewed(TimeSpan.FromMinutes(10), TimeSpan.FromHours(24))),
                    new TicketEvaluated(id, _random.NextDouble() switch
                    {
                        < 0.6 => Satisfaction.Satisfied,
                        < 0.9 => Satisfaction.BasicallySatisfied,
                        _ => Satisfaction.Dissatisfied,
                    }), Source);
            }
        }
        ticket.AddDeadlineMiss(DeadlineKind.Ticket, id, due, WatchDelay());
        Commit(ticket);
    }

    /// <summary>
    /// One round of handling from <paramref name="from"/> to the closing at about <paramref name="closeAt"/>: assigned
    /// within the hour (the hotline dispatches day and night), answered and verified in office hours, closed. When the
    /// call-back finds the problem unsolved the ticket goes back and is handled again. Returns when it closed.
    /// </summary>
    private DateTimeOffset HandleTicket(ItemTimeline ticket, Guid id, SimulationCatalog.TicketKind kind, DateTimeOffset from,
        DateTimeOffset closeAt, bool backAtCallBack)
    {
        var span = closeAt - from;
        var assigned = ticket.Add(from + Min(Minutes(5, 45), span * 0.1), new TicketAssigned(id, kind.Body), Source);
        var answered = ticket.Add(Before(InOffice(assigned + (closeAt - assigned) * Between(0.55, 0.85)), closeAt, assigned + (closeAt - assigned) * 0.7),
            new TicketFeedback(id, Pick(kind.Feedbacks)), Source);
        if (backAtCallBack)
        {
            var back = ticket.Add(InCallHours(answered + Minutes(30, 240)), new TicketReopened(id, "回访时市民表示问题未解决"), Source);
            return HandleTicket(ticket, id, kind, back, InOffice(back + Hours(4, 48)), backAtCallBack: false);
        }
        ticket.Add(Before(InCallHours(answered + (closeAt - answered) * Between(0.3, 0.8)), closeAt, answered + (closeAt - answered) * 0.5),
            new TicketVerified(id, Pick(SimulationCatalog.TicketResults)), Source);
        return ticket.Add(closeAt, new TicketClosed(id, "办结"), Source, change: Openness.Closes);
    }

    /// <summary>
    /// Urgent tickets within a day, most within 3 working days, complex ones 5 (an assumption: the hotline's published
    /// limits name 1, 3, 5 and 15 working days by kind; docs/simulation.md).
    /// </summary>
    private DateTimeOffset TicketDue(DateTimeOffset at) => _random.NextDouble() switch
    {
        < 0.10 => at.AddHours(24),
        < 0.70 => HistoryCalendar.AddWorkingDays(at, 3),
        _ => HistoryCalendar.AddWorkingDays(at, 5),
    };

    /// <summary>Late work pleases fewer people: a quarter of late tickets are rated dissatisfied, 7 % of the others.</summary>
    private Satisfaction Rating(bool late) => _random.NextDouble() switch
    {
        var r when r < (late ? 0.50 : 0.78) => Satisfaction.Satisfied,
        var r when r < (late ? 0.75 : 0.93) => Satisfaction.BasicallySatisfied,
        _ => Satisfaction.Dissatisfied,
    };

    /// <summary>A closing planned on time, moved into office hours only when that still meets <paramref name="due"/>.</summary>
    private DateTimeOffset OnTime(DateTimeOffset closeAt, DateTimeOffset due) => Before(InOffice(closeAt), due, closeAt);

    /// <summary><paramref name="preferred"/> when it comes before <paramref name="limit"/>, else <paramref name="fallback"/>.</summary>
    private static DateTimeOffset Before(DateTimeOffset preferred, DateTimeOffset limit, DateTimeOffset fallback) =>
        preferred < limit ? preferred : fallback;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private string MaskedCaller() => $"1{"35789"[_random.Next(5)]}{_random.Next(10)}****{_random.Next(10_000):D4}";
}
