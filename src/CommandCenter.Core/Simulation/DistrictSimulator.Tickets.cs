using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Simulation;

public sealed partial class DistrictSimulator
{
    private Dictionary<string, string> StartTicket(DateTimeOffset now, Street street)
    {
        var kind = Pick(SimulationCatalog.Tickets);
        var community = Pick(street.Communities);
        var id = NewId();
        var place = $"{community.Name}{Pick(SimulationCatalog.Places)}";
        // Most tickets carry the platform's working-day limits; urgent ones must be answered within hours.
        var due = Chance(0.1) ? now + TimeSpan.FromHours(_random.Next(2, 9)) : now + TimeSpan.FromDays(_random.Next(1, 6));
        var received = new TicketReceived(id,
            Channel: Chance(0.85) ? "12345" : "96180",
            kind.Category,
            Content: $"来电人{Pick(kind.Contents).Replace("{place}", place)}",
            CallerMasked: MaskedCaller(),
            DueAt: due,
            Address: $"{street.Name}{community.Name}{_random.Next(1, 120)}号");

        var item = new Item(street.Code);
        ThenAnswer(item, id, kind);
        if (Chance(0.04))
        {
            item.Then(Delay(30, 120), new TicketReopened(id, "回访时市民表示问题未解决"));
            ThenAnswer(item, id, kind);
        }
        var satisfaction = FirstSatisfaction();
        ThenConclude(item, id, satisfaction);
        if (satisfaction == Satisfaction.Dissatisfied && Chance(0.5))
        {
            item.Then(Delay(60, 300), new TicketReopened(id, "市民不满意，重新派单办理"));
            ThenAnswer(item, id, kind);
            ThenConclude(item, id, Chance(0.7) ? Satisfaction.Satisfied : Satisfaction.BasicallySatisfied);
        }
        return Begin(item, received, now);
    }

    private void ThenAnswer(Item item, Guid id, SimulationCatalog.TicketKind kind) =>
        item.Then(Delay(10, 60), new TicketAssigned(id, kind.Body))
            .Then(DelayOrStall(60, 360), new TicketFeedback(id, Pick(kind.Feedbacks)));

    private void ThenConclude(Item item, Guid id, Satisfaction satisfaction) =>
        item.Then(Delay(30, 180), new TicketVerified(id, Pick(SimulationCatalog.TicketResults)))
            .Then(Delay(10, 60), new TicketClosed(id, "办结"))
            .Then(Delay(30, 300), new TicketEvaluated(id, satisfaction));

    private Satisfaction FirstSatisfaction() => _random.NextDouble() switch
    {
        < 0.75 => Satisfaction.Satisfied,
        < 0.93 => Satisfaction.BasicallySatisfied,
        _ => Satisfaction.Dissatisfied,
    };

    private string MaskedCaller() =>
        $"1{Pick(new[] { '3', '5', '7', '8', '9' })}{_random.Next(10)}****{_random.Next(10_000):D4}";
}
