using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;

namespace CommandCenter.Web.Security;

/// <summary>
/// What running several instances behind a reverse proxy needs (deploy/README.md, docs/decisions/0012): one Data
/// Protection key ring for all of them (in the database they share), forwarded headers believed only from the known
/// proxies (so the client's address and HTTPS are right, cookies get <c>Secure</c> and HSTS is sent behind TLS), and
/// host filtering that names real host names outside Development.
/// </summary>
public static class ProductionHosting
{
    /// <summary>The application name every instance protects data under; the same in each, or cookies do not cross.</summary>
    public const string ApplicationName = "commandcenter";

    public static IServiceCollection AddProductionHosting(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseKeyRing(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<TimeProvider>())));

        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.Section)).ValidateOnStart()
            .Validate(o => o.Problem() is null, "Proxy settings are invalid (see the log for the first problem)");
        var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        if (proxy.Problem() is { } problem)
            throw new OptionsValidationException(ProxyOptions.Section, typeof(ProxyOptions), [problem]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxy.ForwardLimit;
            // The framework trusts loopback by default; only what the settings name is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
                o.KnownProxies.Add(System.Net.IPAddress.Parse(address));
            foreach (var network in proxy.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            // Outside Development every host is a real one, loopback included (a proxy on the same machine).
            o.ExcludedHosts.Clear();
        });

        if (!environment.IsDevelopment() && configuration["AllowedHosts"] is null or "" or "*")
            throw new OptionsValidationException("AllowedHosts", typeof(string),
                ["AllowedHosts must name the host names users open (e.g. \"cc.gulou.example\"; several separated by ';') outside Development"]);
        return services;
    }

    /// <summary>First in the pipeline: forwarded headers from the known proxies, then HSTS on HTTPS requests outside Development.</summary>
    public static IApplicationBuilder UseProductionHosting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        return app;
    }
}
