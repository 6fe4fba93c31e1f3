using System.Net;
using CommandCenter.Web.Hubs;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using OpenTelemetry.Metrics;

namespace CommandCenter.Web.Metrics;

/// <summary>
/// Section <c>Metrics</c>: who may scrape <c>/metrics</c>. The default, loopback only, suits a Prometheus (or an agent)
/// on the same machine; a scraper elsewhere is named by its network. The reverse proxy does not pass <c>/metrics</c>
/// on either (deploy/nginx/).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Networks in CIDR notation allowed to scrape, besides loopback.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public string? Problem() =>
        AllowedNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } bad ? $"Metrics:AllowedNetworks: '{bad}' is not a network in CIDR notation" : null;
}

internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>
    /// OpenTelemetry metrics for Prometheus: the command center's meter (<see cref="CommandCenterMetrics"/>) and the
    /// framework's own (requests, Kestrel connections, SignalR connections, Blazor circuits, the runtime).
    /// </summary>
    public static IServiceCollection AddCommandCenterMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart()
            .Validate(o => o.Problem() is null, "Metrics:AllowedNetworks holds a value that is not a network in CIDR notation");
        services.AddSingleton<CommandCenterMetrics>();
        services.AddSingleton<CircuitHandler, CircuitCounter>();
        services.AddSingleton<HubConnectionCounter>();
        services.Configure<HubOptions<LiveHub>>(o => o.AddFilter<HubConnectionCounter>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CommandCenterMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        // The observable instruments exist once something asks for them.
        app.ServiceProvider.GetRequiredService<CommandCenterMetrics>();
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous().AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
            var caller = context.HttpContext.Connection.RemoteIpAddress;
            return caller is not null && (IPAddress.IsLoopback(caller) || options.AllowedNetworks.Any(n => IPNetwork.Parse(n).Contains(caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller)))
                ? await next(context)
                : Results.NotFound();
        });
        return app;
    }
}
