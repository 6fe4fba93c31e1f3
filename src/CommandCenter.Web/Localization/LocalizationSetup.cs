using Microsoft.AspNetCore.Localization;

namespace CommandCenter.Web.Localization;

/// <summary>
/// One language per person, chosen once and applied everywhere: the framework's request localization with zh-CN (the
/// default) and en-US. A page reads <c>?lang=</c> first, then the standard culture cookie; a <c>?lang=</c> is written
/// into that cookie, so the Blazor circuit's own requests (negotiate and WebSocket, which never carry the page's
/// query) start in the same culture, and the next page keeps it. Machine clients (Open311, the APIs) may also ask by
/// <c>Accept-Language</c>; pages ignore it, since the district's screens are Chinese whatever the browser says.
/// </summary>
public static class LocalizationSetup
{
    public static IServiceCollection AddCommandCenterLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Cultures.Chinese.Name)
                .AddSupportedCultures(Cultures.Supported)
                .AddSupportedUICultures(Cultures.Supported);
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = Cultures.QueryKey, UIQueryStringKey = Cultures.QueryKey },
                new MachineClientAcceptLanguageProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Request localization, and a supported <c>?lang=</c> kept in the culture cookie for a year.</summary>
    public static IApplicationBuilder UseCommandCenterLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Query[Cultures.QueryKey].ToString() is var code && Cultures.IsSupported(code))
            {
                var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Cultures.Parse(code)));
                if (context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] != value)
                    context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, value, new CookieOptions
                    {
                        Path = "/",
                        MaxAge = TimeSpan.FromDays(365),
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                        IsEssential = true,
                    });
            }
            await next();
        });
    }

    /// <summary><c>Accept-Language</c>, for Open311 and the APIs only.</summary>
    private sealed class MachineClientAcceptLanguageProvider : RequestCultureProvider
    {
        private readonly AcceptLanguageHeaderRequestCultureProvider _header = new();

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            httpContext.Request.Path.StartsWithSegments("/open311") || httpContext.Request.Path.StartsWithSegments("/api")
                ? _header.DetermineProviderCultureResult(httpContext)
                : NullProviderCultureResult;
    }
}
