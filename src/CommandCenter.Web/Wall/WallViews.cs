namespace CommandCenter.Web.Wall;

/// <summary>
/// The wall's views by name, as kiosk tokens and playlists name them, and the URL each is opened at: <c>wall</c>
/// (<c>/wall</c>), <c>structure</c> (<c>/wall/structure</c>), <c>street:{code}</c> (<c>/wall/street/{code}</c>), or a
/// kiosk screen's name (<c>/kiosk/{screen}</c>). The one place that knows this scheme, both ways.
/// </summary>
public static class WallViews
{
    public const string Wall = "wall";

    public const string Structure = "structure";

    private const string StreetPrefix = "street:";

    public static string Street(string code) => StreetPrefix + code;

    /// <summary>The street a street wall shows, if the view is one.</summary>
    public static string? StreetOf(string view) => view.StartsWith(StreetPrefix, StringComparison.Ordinal) ? view[StreetPrefix.Length..] : null;

    /// <summary>The path that opens <paramref name="view"/>.</summary>
    public static string PathOf(string view) =>
        StreetOf(view) is { } street ? $"/wall/street/{Uri.EscapeDataString(street)}"
        : string.Equals(view, Wall, StringComparison.OrdinalIgnoreCase) ? "/wall"
        : string.Equals(view, Structure, StringComparison.OrdinalIgnoreCase) ? "/wall/structure"
        : $"/kiosk/{Uri.EscapeDataString(view)}";

    /// <summary>The view being opened: from a request or a Blazor route (the resource an authorization handler gets).</summary>
    public static string ViewOf(object? resource) => resource switch
    {
        HttpContext http => ViewOf(http.Request.Path, http.GetRouteValue("screen") as string, http.GetRouteValue("code") as string),
        Microsoft.AspNetCore.Components.RouteData route => ViewOf(
            route.Template is { } template ? new PathString(template) : default, Value(route, "screen"), Value(route, "code")),
        _ => Wall,
    };

    private static string ViewOf(PathString path, string? screen, string? code) =>
        screen is not null ? screen
        : code is not null ? Street(code)
        : path.StartsWithSegments("/wall/structure") ? Structure
        : Wall;

    private static string? Value(Microsoft.AspNetCore.Components.RouteData route, string key) =>
        route.RouteValues.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Value as string;
}
