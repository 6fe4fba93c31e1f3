using CommandCenter.Core.Events;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>Log entries as producers write them, for the district's real street codes.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.FromHours(8));

    public static Dictionary<string, string> TicketReceived(
        DateTimeOffset at, string street = "ninghailu", Guid? id = null, Guid? ticketId = null, string content = "路灯不亮", string category = "市政设施") =>
        EnvelopeWriter.ToFields(
            new TicketReceived(ticketId ?? Guid.NewGuid(), "12345", category, content, "138****0000", at.AddDays(3)),
            street, "hotline-12345", at, id);

    public static Dictionary<string, string> IncidentReported(DateTimeOffset at, string gridId, string street = "ninghailu", string title = "占道经营") =>
        EnvelopeWriter.ToFields(
            new IncidentReported(Guid.NewGuid(), gridId, "市容环境", 3, title, DueAt: at.AddHours(4)),
            street, "grid-app", at);
}
