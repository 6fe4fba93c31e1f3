using CommandCenter.Infrastructure.Security;

namespace CommandCenter.Web.Kiosk;

/// <summary>
/// A kiosk token's URL (<c>/wall?token=…</c> or <c>/kiosk/{screen}?token=…</c>) is opened once on the screen: a valid
/// token becomes an HttpOnly cookie and the browser is sent to the same page without the token in its address.
/// </summary>
public static class KioskLinks
{
    /// <summary>The URL that opens the token's first view with the token (<see cref="KioskViews.UrlFor"/>, as <c>cc kiosk create</c> prints it).</summary>
    public static string UrlFor(string baseUrl, KioskTokenInfo token, string secret) => KioskViews.UrlFor(baseUrl, token, secret);

    public static IApplicationBuilder UseKioskLinks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method)
            && (request.Path.StartsWithSegments("/wall") || request.Path.StartsWithSegments("/kiosk"))
            && request.Query["token"].ToString() is { Length: > 0 } secret)
        {
            var token = await context.RequestServices.GetRequiredService<KioskTokenStore>().FindActiveAsync(secret, context.RequestAborted);
            if (token is null)
            {
                context.Response.Cookies.Delete(KioskAuthenticationHandler.CookieName);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("unknown or revoked kiosk token");
                return;
            }
            context.Response.Cookies.Append(KioskAuthenticationHandler.CookieName, secret, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                IsEssential = true,
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                Path = "/",
            });
            var rest = request.Query.Where(q => q.Key != "token").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
            var query = string.Join('&', rest);
            context.Response.Redirect($"{request.PathBase}{request.Path}{(query.Length > 0 ? "?" + query : "")}");
            return;
        }
        await next(context);
    });
}
