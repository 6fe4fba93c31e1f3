using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

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

    public static string Grid(string street = "ninghailu", int community = 0, int grid = 0) =>
        DistrictModel.Gulou.StreetsByCode[street].Communities[community].Grids[grid].Id;

    public static string Team(string street = "ninghailu", int index = 0) => DistrictModel.Gulou.StreetsByCode[street].Teams[index].Id;

    /// <summary>A grid incident as the grid app reports it, due four hours later.</summary>
    public static Dictionary<string, string> Incident(Guid id, int severity, DateTimeOffset at, string street = "ninghailu", string? grid = null,
        string category = "市容环境", string title = "占道经营") =>
        EnvelopeWriter.ToFields(new IncidentReported(id, grid ?? Grid(street), category, severity, title, DueAt: at.AddHours(4)), street, "grid-app", at);

    /// <summary>Any event as the enforcement system writes it.</summary>
    public static Dictionary<string, string> Event(IEventPayload payload, DateTimeOffset at, string street = "ninghailu") =>
        EnvelopeWriter.ToFields(payload, street, "enforcement", at);
}
