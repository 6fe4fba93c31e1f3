using CommandCenter.Web.Kiosk;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// A scope a <see cref="LiveHub"/> client may subscribe to: <c>district</c> (everything), <c>street:{code}</c> (one
/// street) or <c>family:{name}</c> (one event family). The one parser of scopes: the hub uses it to subscribe and the
/// scope filter to decide who may.
/// </summary>
public sealed record LiveScope(string Kind, string? Code)
{
    public const string District = "district";

    public static readonly IReadOnlySet<string> Families = new HashSet<string>(StringComparer.Ordinal)
    {
        "incident", "ticket", "whistle", "dispatch", "team", "deadline",
    };

    /// <summary>The scope as clients and the subscription index spell it.</summary>
    public override string ToString() => Code is null ? Kind : $"{Kind}:{Code}";

    /// <summary>The scope named by <paramref name="text"/>, or null with the reason it is not one.</summary>
    public static LiveScope? Parse(string? text, DistrictModel district, out string? problem)
    {
        problem = null;
        switch (text?.Trim())
        {
            case District:
                return new LiveScope(District, null);
            case { } s when s.StartsWith("street:", StringComparison.Ordinal) && district.StreetsByCode.ContainsKey(s[7..]):
                return new LiveScope("street", s[7..]);
            case { } s when s.StartsWith("family:", StringComparison.Ordinal) && Families.Contains(s[7..]):
                return new LiveScope("family", s[7..]);
            default:
                problem = $"unknown scope '{text}': use 'district', 'street:{{code}}' (e.g. street:ninghailu) or 'family:{{name}}' ({string.Join(", ", Families)})";
                return null;
        }
    }

    /// <summary>
    /// May this principal follow the scope? What it may show on a wall screen decides (<see cref="ScreenAccess"/>): the
    /// district and the families across it with the district wall (a person the table lets open it, a kiosk token bound
    /// to <c>wall</c>); a street with that street's view (or the district wall).
    /// </summary>
    public bool MayBeFollowedBy(ScreenAccess access) =>
        Kind == "street" ? access.SeesStreetEvents(Code!) : access.SeesDistrictEvents;

    /// <summary>The scopes an event belongs to, as the subscription index keys them.</summary>
    public static string[] For(string street, string family) => [District, $"street:{street}", $"family:{family}"];
}
