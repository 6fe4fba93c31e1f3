using CommandCenter.Core.Events;
using CommandCenter.Web.Tests.Fakes;

namespace CommandCenter.Web.Tests.Tickets;

/// <summary>12345 tickets and their steps as the hotline (or, with an actor, a console) writes them.</summary>
internal static class TicketEntries
{
    public static readonly DateTimeOffset Now = TestEvents.Noon;

    public static Dictionary<string, string> Event(IEventPayload payload, DateTimeOffset at, string street = "ninghailu", Actor? actor = null) =>
        EnvelopeWriter.ToFields(payload, street, actor is null ? "hotline-12345" : ActorRoles.ConsoleSource, at, actor: actor);

    public static Dictionary<string, string> Received(Guid id, DateTimeOffset at, DateTimeOffset due, string street = "ninghailu", string category = "噪音扰民", string content = "夜间施工噪音") =>
        Event(new TicketReceived(id, "12345", category, content, "138****0000", due, "某小区"), at, street);
}
