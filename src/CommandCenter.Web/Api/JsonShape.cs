using System.Text.Json;

namespace CommandCenter.Web.Api;

/// <summary>
/// Shape checks on JSON a client sends, before anything is built from it: an object whose members differ only in letter
/// case (<c>actor</c> and <c>Actor</c>) is ambiguous, since readers disagree on which one counts (the event parser is
/// case-sensitive, a case-insensitive binder throws), and is refused as malformed rather than stored.
/// </summary>
public static class JsonShape
{
    /// <summary>The first pair of member names in <paramref name="element"/> (at any depth) that differ only in case, or null.</summary>
    public static string? AmbiguousMembers(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in element.EnumerateObject())
                {
                    if (seen.TryGetValue(member.Name, out var first))
                        return $"members '{first}' and '{member.Name}' differ only in letter case (or repeat)";
                    seen[member.Name] = member.Name;
                    if (AmbiguousMembers(member.Value) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (AmbiguousMembers(item) is { } inner)
                        return inner;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>A member named <paramref name="name"/> in any letter case, if the object has one.</summary>
    public static string? MemberNamed(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Select(m => m.Name).FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            : null;
}
