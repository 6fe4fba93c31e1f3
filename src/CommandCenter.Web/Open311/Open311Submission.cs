using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Text;
using CommandCenter.Web.Geography;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Open311;

/// <summary>
/// A <c>POST requests.json</c> form read into what a <c>ticket.received</c> needs. The location is the spec's:
/// <c>lat</c> and <c>long</c> (WGS-84 decimal degrees, finite and in range), or <c>address_string</c>, or both; the
/// street is found from it (<see cref="StreetLocator"/>: point-in-polygon, else the gazetteer), and our optional
/// extension <c>attribute[street]</c> (a street code, its Chinese name or its division code) overrides it. A location
/// outside the district, or an address that names no known place, is refused with the reason. The caller's names and
/// e-mail are accepted as the spec allows and dropped; the phone is kept only masked (<c>139****0001</c>).
/// </summary>
public sealed record Open311Submission(Open311Service Service, string Street, string Description, string? Address, string CallerMasked, string Channel)
{
    public const string StreetAttribute = "attribute[street]";
    public const string ChannelAttribute = "attribute[channel]";
    public const string DefaultChannel = "12345";
    public const string Anonymous = PhoneNumbers.Anonymous;

    public static (Open311Submission? Submission, string? Error) Parse(IFormCollection form, DistrictModel district, StreetLocator locator)
    {
        var code = Value(form, "service_code");
        if (code is null)
            return (null, UiText.Local("service_code 必填（GET services.json 列出所有服务）"));
        if (Open311Services.Find(code) is not { } service)
            return (null, UiText.Local("service_code '{0}' 不是本系统的服务（GET services.json 列出所有服务）", code));

        var description = Value(form, "description");
        if (description is null)
            return (null, UiText.Local("description 必填：市民反映的内容"));
        if (description.Length > EnvelopeLimits.MaxLongText)
            return (null, $"description is {description.Length} characters; at most {EnvelopeLimits.MaxLongText}");

        var (location, locationError) = Location(form);
        if (location is null)
            return (null, locationError);

        string street;
        if (Value(form, StreetAttribute) is { } streetText)
        {
            if (StreetOf(streetText, district) is not { } named)
                return (null, UiText.Local("{0} '{1}' 不是{2}的街道；请使用 {3} 之一，或不填以按位置判定街道", StreetAttribute, streetText, district.District.Name, string.Join(", ", district.Streets.Select(s => s.Code))));
            street = named;
        }
        else if (locator.Locate(location) is { Street: { } found })
            street = found;
        else
            return (null, locator.Locate(location).Problem);

        var channel = Value(form, ChannelAttribute) ?? DefaultChannel;
        if (channel.Length > EnvelopeLimits.MaxShortText)
            return (null, $"{ChannelAttribute} is at most {EnvelopeLimits.MaxShortText} characters");

        var address = location.Address ?? Coordinates.Format(location.Lat!.Value, location.Long!.Value);
        return (new Open311Submission(service, street, description, address, Mask(Value(form, "phone")), channel), null);
    }

    /// <summary>A street by code, name (with or without 街道), former name or division code.</summary>
    public static string? StreetOf(string text, DistrictModel district)
    {
        var wanted = Bare(text.Trim());
        return district.Streets.FirstOrDefault(s =>
            string.Equals(s.Code, wanted, StringComparison.OrdinalIgnoreCase) || s.DivisionCode == wanted
            || Bare(s.Name) == wanted || s.FormerNames.Any(n => Bare(n) == wanted))?.Code;
    }

    /// <summary>A street's name without the trailing 街道 ("street"): 宁海路街道 and 宁海路 name the same street.</summary>
    private static string Bare(string name) => name.EndsWith("街道", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name;

    /// <summary>The spec asks for <c>address_string</c> or both <c>lat</c> and <c>long</c>; coordinates must be finite and in range.</summary>
    private static (RequestLocation? Location, string? Error) Location(IFormCollection form)
    {
        var address = Value(form, "address_string");
        if (address is { Length: > EnvelopeLimits.MaxShortText })
            return (null, $"address_string is {address.Length} characters; at most {EnvelopeLimits.MaxShortText}");
        var latText = Value(form, "lat");
        var longText = Value(form, "long");
        if (latText is null && longText is null)
            return address is null ? (null, UiText.Local("需要位置：lat 和 long，或 address_string")) : (new RequestLocation(null, null, address), null);
        if (latText is null || longText is null)
            return (null, "lat and long go together: send both, or address_string");
        var (lat, latError) = StreetLocator.ParseDegrees("lat", latText, 90);
        if (latError is not null) return (null, latError);
        var (lon, longError) = StreetLocator.ParseDegrees("long", longText, 180);
        if (longError is not null) return (null, longError);
        return (new RequestLocation(lat, lon, address), null);
    }

    /// <summary>The caller field's masked form (<see cref="PhoneNumbers.Mask"/>): <c>139****0001</c>, <c>025****0000</c>, "匿名" when empty.</summary>
    public static string Mask(string? phone) => PhoneNumbers.Mask(phone);

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;
}
