using System.Globalization;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Web.Open311;

/// <summary>
/// A <c>POST requests.json</c> form read into what a <c>ticket.received</c> needs. The street is our extension
/// <c>attribute[street]</c> (a street code, its Chinese name or its division code): an address alone cannot be placed
/// in a street reliably. The caller's names and e-mail are accepted as the spec allows and dropped; the phone is
/// kept only masked (<c>139****0001</c>).
/// </summary>
public sealed record Open311Submission(Open311Service Service, string Street, string Description, string? Address, string CallerMasked, string Channel)
{
    public const string StreetAttribute = "attribute[street]";
    public const string ChannelAttribute = "attribute[channel]";
    public const string DefaultChannel = "12345";
    public const string Anonymous = "匿名";

    public static (Open311Submission? Submission, string? Error) Parse(IFormCollection form, DistrictModel district)
    {
        var code = Value(form, "service_code");
        if (code is null)
            return (null, "service_code is required (GET services.json lists the services)");
        if (Open311Services.Find(code) is not { } service)
            return (null, $"service_code '{code}' is not a service here (GET services.json lists the services)");

        var streetText = Value(form, StreetAttribute);
        if (streetText is null)
            return (null, $"{StreetAttribute} is required: the street the request is in, as a code (ninghailu), a name (宁海路街道) or a division code (320106001000)");
        if (StreetOf(streetText, district) is not { } street)
            return (null, $"{StreetAttribute} '{streetText}' is not a street of {district.District.Name}; use one of {string.Join(", ", district.Streets.Select(s => s.Code))}");

        var description = Value(form, "description");
        if (description is null)
            return (null, "description is required: what the citizen reports");
        if (description.Length > EnvelopeLimits.MaxLongText)
            return (null, $"description is {description.Length} characters; at most {EnvelopeLimits.MaxLongText}");

        var (address, locationError) = Location(form);
        if (locationError is not null)
            return (null, locationError);

        var channel = Value(form, ChannelAttribute) ?? DefaultChannel;
        if (channel.Length > EnvelopeLimits.MaxShortText)
            return (null, $"{ChannelAttribute} is at most {EnvelopeLimits.MaxShortText} characters");

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

    /// <summary>The spec asks for <c>address_string</c> or both <c>lat</c> and <c>long</c>.</summary>
    private static (string? Address, string? Error) Location(IFormCollection form)
    {
        var address = Value(form, "address_string");
        if (address is { Length: > EnvelopeLimits.MaxShortText })
            return (null, $"address_string is {address.Length} characters; at most {EnvelopeLimits.MaxShortText}");
        var latText = Value(form, "lat");
        var longText = Value(form, "long");
        if (latText is null && longText is null)
            return address is null ? (null, "a location is required: address_string, or lat and long") : (address, null);
        if (latText is null || longText is null)
            return (null, "lat and long go together: send both, or address_string");
        if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90)
            return (null, $"lat '{latText}' is not a latitude (decimal degrees, -90 to 90)");
        if (!double.TryParse(longText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
            return (null, $"long '{longText}' is not a longitude (decimal degrees, -180 to 180)");
        return (address ?? Coordinates.Format(lat, lon), null);
    }

    /// <summary>The first three and last four digits (<c>139****0001</c>, without a +86 prefix); shorter numbers are hidden whole.</summary>
    public static string Mask(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
            digits = digits[2..]; // +86, China's country code
        return digits.Length switch
        {
            0 => Anonymous,
            >= 7 => $"{digits[..3]}****{digits[^4..]}",
            _ => "****",
        };
    }

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;
}
