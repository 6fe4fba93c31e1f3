using CommandCenter.Core.Reference;

namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// The views a kiosk token is bound to, by name, and the address each is opened at: <c>wall</c> (<c>/wall</c>),
/// <c>structure</c> (<c>/wall/structure</c>), <c>street:{code}</c> (<c>/wall/street/{code}</c>), or a kiosk screen's
/// name (<c>/kiosk/{screen}</c>: letters, digits, '-' and '_'). The one place that knows this scheme, for the web app and
/// the <c>cc</c> command line alike, so both print the same URL for a view.
/// </summary>
public static class KioskViews
{
    public const string Wall = "wall";

    public const string Structure = "structure";

    public const string StreetPrefix = "street:";

    /// <summary>Names under <c>/kiosk/</c> that are pages of their own, never screens.</summary>
    private static readonly HashSet<string> ReservedScreens = new(StringComparer.OrdinalIgnoreCase) { "admin", "console", "revoked", Wall, Structure };

    public static string Street(string code) => StreetPrefix + code;

    /// <summary>The street a street wall shows, if the view is one.</summary>
    public static string? StreetOf(string view) =>
        view.StartsWith(StreetPrefix, StringComparison.OrdinalIgnoreCase) ? view[StreetPrefix.Length..] : null;

    /// <summary>A wall view a screen can play (<c>wall</c>, <c>structure</c>, <c>street:{code}</c>), rather than a screen's name.</summary>
    public static bool IsWallView(string view) =>
        string.Equals(view, Wall, StringComparison.OrdinalIgnoreCase) || string.Equals(view, Structure, StringComparison.OrdinalIgnoreCase)
        || StreetOf(view) is not null;

    /// <summary>A name a kiosk screen may have: 1–64 letters, digits, '-' or '_', and not a page under <c>/kiosk/</c>.</summary>
    public static bool IsScreenName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && !ReservedScreens.Contains(name);

    /// <summary>The view as stored (wall views in lower case), or null with <paramref name="problem"/> when it names none.</summary>
    public static string? Normalize(string view, DistrictModel district, out AdminProblem? problem)
    {
        problem = null;
        var trimmed = view.Trim();
        if (string.Equals(trimmed, Wall, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, Structure, StringComparison.OrdinalIgnoreCase))
            return trimmed.ToLowerInvariant();
        if (StreetOf(trimmed) is { } street)
        {
            var code = street.ToLowerInvariant();
            if (district.StreetsByCode.ContainsKey(code))
                return Street(code);
            var streets = string.Join(' ', district.Streets.Select(s => s.Code));
            problem = new(AdminRule.ViewStreetUnknown, $"'{trimmed}' names no street (streets: {streets})", [trimmed, streets]);
            return null;
        }
        if (IsScreenName(trimmed))
            return trimmed;
        problem = new(AdminRule.ViewUnknown,
            $"'{trimmed}' is not a view: use wall, structure, street:{{code}} or a screen's name (letters, digits, '-', '_'; not admin, console or revoked)", [trimmed]);
        return null;
    }

    /// <summary>The path that opens <paramref name="view"/>.</summary>
    public static string PathOf(string view) =>
        StreetOf(view) is { } street ? $"/wall/street/{Uri.EscapeDataString(street)}"
        : string.Equals(view, Wall, StringComparison.OrdinalIgnoreCase) ? "/wall"
        : string.Equals(view, Structure, StringComparison.OrdinalIgnoreCase) ? "/wall/structure"
        : $"/kiosk/{Uri.EscapeDataString(view)}";

    /// <summary>The URL a screen opens once: the token's first view on <paramref name="publicUrl"/>, with the token.</summary>
    public static string UrlFor(string publicUrl, KioskTokenInfo token, string secret) =>
        $"{publicUrl.TrimEnd('/')}{PathOf(token.Views[0])}?token={Uri.EscapeDataString(secret)}";
}
