using CommandCenter.Infrastructure.Security;

namespace CommandCenter.Web.Wall;

/// <summary>
/// The wall's views by name, as kiosk tokens and playlists name them (<see cref="KioskViews"/>, shared with the command
/// line), and the view a request or route opens.
/// </summary>
public static class WallViews
{
    public const string Wall = KioskViews.Wall;

    public const string Structure = KioskViews.Structure;

    public static string Street(string code) => KioskViews.Street(code);

    /// <summary>The street a street wall shows, if the view is one.</summary>
    public static string? StreetOf(string view) => KioskViews.StreetOf(view);

    /// <summary>The path that opens <paramref name="view"/>.</summary>
    public static string PathOf(string view) => KioskViews.PathOf(view);

    /// <summary>The kiosk screen being opened (<c>/kiosk/{screen}</c>), if the request or route is one.</summary>
    public static string? ScreenOf(object? resource) => resource switch
    {
        HttpContext http => http.GetRouteValue("screen") as string,
        Microsoft.AspNetCore.Components.RouteData route => Value(route, "screen"),
        _ => null,
    };

    /// <summary>The wall view being opened (never a screen's name: see <see cref="ScreenOf"/>), from a request or a Blazor
    /// route (the resource an authorization handler gets).</summary>
    public static string ViewOf(object? resource) => resource switch
    {
        HttpContext http => ViewOf(http.Request.Path, http.GetRouteValue("code") as string),
        Microsoft.AspNetCore.Components.RouteData route => ViewOf(route.Template is { } template ? new PathString(template) : default, Value(route, "code")),
        _ => Wall,
    };

    private static string ViewOf(PathString path, string? code) =>
        code is not null ? Street(code)
        : path.StartsWithSegments("/wall/structure") ? Structure
        : Wall;

    private static string? Value(Microsoft.AspNetCore.Components.RouteData route, string key) =>
        route.RouteValues.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Value as string;
}
