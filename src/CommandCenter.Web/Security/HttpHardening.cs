using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Security headers on every response (a nonce-based Content-Security-Policy: only the app's own scripts run),
/// and the Origin check on the hub and circuit handshakes (a page from another site cannot open them with the
/// user's cookie).
/// </summary>
public static class HttpHardening
{
    public const string NonceItem = "cc:csp-nonce";

    public static string? NonceOf(HttpContext? context) => context?.Items[NonceItem] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Hex: the same text in the header and in the HTML attribute (base64's '+' would be HTML-encoded there).
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            // MudBlazor positions and colours elements with inline style attributes; styles cannot run script.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        await next(context);
    });

    /// <summary>
    /// APIs, hubs and account endpoints answer with their own status codes (a 401/403/429 must not be re-executed as
    /// the not-found page, which would run under another policy and with the original method). An API or account
    /// endpoint's error that has no body yet (refused by authorization, the rate limiter, antiforgery, a binder) gets a
    /// problem+json body saying what the status means, so every 4xx an API client sees is a problem document.
    /// </summary>
    public static IApplicationBuilder UsePlainStatusCodesForApis(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var problemBody = path.StartsWithSegments("/api") || path.StartsWithSegments("/account");
        if ((problemBody || path.StartsWithSegments("/open311") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor")
             || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/metrics"))
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            pages.Enabled = false;
        await next(context);
        var response = context.Response;
        if (problemBody && !response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType)
            && context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = response.StatusCode, Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.StatusCode) },
            });
        }
    });

    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if ((request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/hubs"))
            && request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !IsAllowed(origin, request, context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("origin not allowed");
            return;
        }
        await next(context);
    });

    public static bool IsAllowed(string origin, HttpRequest request, SecurityOptions options)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
            return false;
        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(uri.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase)
            || options.AllowedOrigins.Any(a => string.Equals(a.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }
}
