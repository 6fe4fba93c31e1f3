using CommandCenter.Core.Reference;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// The scopes a <see cref="LiveHub"/> client may subscribe to:
/// <c>district</c> (everything), <c>street:{code}</c> (one street) and <c>family:{name}</c> (one event family).
/// </summary>
public static class LiveScopes
{
    public const string District = "district";

    public static readonly IReadOnlySet<string> Families = new HashSet<string>(StringComparer.Ordinal)
    {
        "incident", "ticket", "whistle", "dispatch", "team", "deadline",
    };

    /// <summary>The canonical scope, or null with the reason it is not one.</summary>
    public static string? Validate(string? scope, DistrictModel district, out string? problem)
    {
        problem = null;
        switch (scope?.Trim())
        {
            case District:
                return District;
            case { } s when s.StartsWith("street:", StringComparison.Ordinal) && district.StreetsByCode.ContainsKey(s[7..]):
                return s;
            case { } s when s.StartsWith("family:", StringComparison.Ordinal) && Families.Contains(s[7..]):
                return s;
            default:
                problem = $"unknown scope '{scope}': use 'district', 'street:{{code}}' (e.g. street:ninghailu) or 'family:{{name}}' ({string.Join(", ", Families)})";
                return null;
        }
    }

    /// <summary>The scopes an event belongs to.</summary>
    public static string[] For(string street, string family) => [District, $"street:{street}", $"family:{family}"];
}
