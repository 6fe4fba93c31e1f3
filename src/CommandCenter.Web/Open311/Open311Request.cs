using System.Globalization;
using CommandCenter.Core.Deadlines;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Core.Text;
using CommandCenter.Core.Time;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Open311;

/// <summary>
/// A service request as GeoReport v2 lists it (<c>GET requests.json</c>). The caller's name, number and e-mail never
/// appear: the ticket keeps only a masked number, and that stays inside the command center; numbers the caller wrote
/// into the description or the address are masked too (<see cref="PersonalNumbers"/>). <see cref="Street"/> is
/// our extension (the street code), as in the <c>attribute[street]</c> a request is posted with.
/// </summary>
public sealed record Open311Request(
    string ServiceRequestId, string Status, string StatusNotes, string ServiceName, string ServiceCode, string Description,
    string AgencyResponsible, string? ServiceNotice, string RequestedDatetime, string UpdatedDatetime, string ExpectedDatetime,
    string? Address, string? AddressId, string? Zipcode, double? Lat, double? Long, string? MediaUrl, string Street)
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static string StatusOf(Ticket ticket) => ticket.IsOpen ? Open : Closed;

    public static Open311Request From(Ticket ticket, DistrictModel district, DateTimeOffset now)
    {
        var service = Open311Services.OfCategory(ticket.Category);
        var (lat, lon) = Coordinates.TryParse(ticket.Address);
        return new(ticket.Id.ToString(), StatusOf(ticket), NotesOf(ticket, district, now),
            service.Code == Open311Services.Other ? ticket.Category : Cultures.Current.IsEnglish() ? service.NameEn : service.Category, service.Code, PersonalNumbers.Mask(ticket.Content),
            Agency(ticket, district), null, Time(ticket.ReceivedAt), Time(ticket.UpdatedAt), Time(ticket.DueAt),
            lat is null ? PersonalNumbers.MaskOrNull(ticket.Address) : null, null, null, lat, lon, null, ticket.Street);
    }

    /// <summary>The handling body once assigned (宁海路街道城市管理部), else the street.</summary>
    public static string Agency(Ticket ticket, DistrictModel district)
    {
        var street = district.StreetsByCode.TryGetValue(ticket.Street, out var s) ? s.Local() : ticket.Street;
        return ticket.Body is { } body ? street + (Cultures.Current.IsEnglish() ? " " : "") + (district.BodiesByCode.TryGetValue(body, out var b) ? b.Local() : body) : street;
    }

    /// <summary>The detailed stage behind open/closed, e.g. <c>assigned: 宁海路街道城市管理部</c>; "overdue" once past due.</summary>
    public static string NotesOf(Ticket ticket, DistrictModel district, DateTimeOffset now)
    {
        var stage = ticket.Status switch
        {
            TicketStatus.Received => "received: " + UiText.Local("已受理，待派发"),
            TicketStatus.Assigned => $"assigned: {Agency(ticket, district)}",
            TicketStatus.Answered => $"answered: {Agency(ticket, district)} " + UiText.Local("已反馈#open311"),
            TicketStatus.Verified => "verified: " + UiText.Local("已回访#open311"),
            TicketStatus.Closed => "closed: " + UiText.Local("已办结"),
            TicketStatus.Evaluated => $"rated: {Satisfaction(ticket.Satisfaction)}",
            _ => "reopened: " + UiText.Local("重办（第 {0} 次）", ticket.ReopenCount),
        };
        return Overdue.IsOverdue(ticket, now) ? stage + "; overdue " + UiText.Local("已超期") : stage;
    }

    private static string Satisfaction(Satisfaction? satisfaction) => satisfaction switch
    {
        Core.Events.Satisfaction.Satisfied => UiText.Local("满意"),
        Core.Events.Satisfaction.BasicallySatisfied => UiText.Local("基本满意"),
        Core.Events.Satisfaction.Dissatisfied => UiText.Local("不满意"),
        _ => UiText.Local("已评价"),
    };

    /// <summary>W3C date-time in the district's time (UTC+8), to the second, as the spec's examples write it.</summary>
    public static string Time(DateTimeOffset at) =>
        DistrictClock.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>
/// A request posted with only <c>lat</c>/<c>long</c> keeps them as its address text (<c>32.060300,118.796900</c>):
/// tickets have no coordinate fields. Such an address is listed back as <c>lat</c>/<c>long</c>.
/// </summary>
public static class Coordinates
{
    public static string Format(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"{lat:F6},{lon:F6}");

    public static (double? Lat, double? Long) TryParse(string? address)
    {
        if (address?.Split(',') is not [var a, var b]) return (null, null);
        return double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180
            ? (lat, lon) : (null, null);
    }
}
