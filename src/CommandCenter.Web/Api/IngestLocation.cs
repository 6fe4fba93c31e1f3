using System.Globalization;
using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Web.Geography;

namespace CommandCenter.Web.Api;

/// <summary>
/// A producer that knows where something happened but not our street codes sends an envelope without <c>street</c>
/// (or with it blank) and with top-level <c>lat</c> and <c>long</c> (WGS-84 decimal degrees, numbers or strings): the
/// ingest API places it with the same <see cref="StreetLocator"/> as Open311 and fills <c>street</c> in. The two
/// members are not envelope fields and are not stored. A given <c>street</c> is kept as sent. Coordinates that are not
/// finite, out of range or outside the district refuse the envelope with that reason.
/// </summary>
internal static class IngestLocation
{
    public const string Lat = "lat";
    public const string Long = "long";

    public static (Dictionary<string, string>? Fields, string? Problem) Fill(
        (Dictionary<string, string>? Fields, string? Problem) read, JsonElement item, StreetLocator locator)
    {
        var (fields, problem) = read;
        if (fields is null) return read;
        var hasLat = fields.Remove(Lat, out var latText);
        var hasLong = fields.Remove(Long, out var longText);
        if (!hasLat && !hasLong) return read;
        if (fields.TryGetValue(EnvelopeFields.Street, out var street) && !string.IsNullOrWhiteSpace(street))
            return (fields, problem);
        if (!hasLat || !hasLong)
            return (fields, "lat and long go together: send both to have the street found, or send street");
        var (lat, latProblem) = Degrees(item, Lat, latText!, 90);
        var (lon, longProblem) = Degrees(item, Long, longText!, 180);
        if ((latProblem ?? longProblem) is { } bad)
            return (fields, bad);
        var located = locator.Areas.Locate(lat, lon);
        if (located.Street is null)
            return (fields, located.Problem);
        fields[EnvelopeFields.Street] = located.Street;
        var missing = EnvelopeFields.All.Where(f => !fields.ContainsKey(f)).ToList();
        return (fields, missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null);
    }

    private static (double Value, string? Problem) Degrees(JsonElement item, string name, string text, double limit)
    {
        if (item.GetProperty(name) is { ValueKind: JsonValueKind.Number } number)
        {
            var value = number.GetDouble();
            return Math.Abs(value) <= limit ? (value, null)
                : (0, string.Create(CultureInfo.InvariantCulture, $"{name} {value} is out of range (decimal degrees, -{limit} to {limit})"));
        }
        var (parsed, problem) = StreetLocator.ParseDegrees(name, text, limit);
        return (parsed ?? 0, problem);
    }
}
