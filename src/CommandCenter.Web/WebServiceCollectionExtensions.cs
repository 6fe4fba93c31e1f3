using System.Text.Encodings.Web;
using System.Text.Unicode;
using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Geography;
using CommandCenter.Web.Health;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Metrics;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Live;
using CommandCenter.Web.Open311;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Wall.Replay;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The web project's services: the live state that follows the log, and the wall feed that every wall shares.
    /// Expects an <c>IEventLog</c> and an <c>IStateSnapshotSource</c> from the infrastructure.
    /// </summary>
    public static IServiceCollection AddCommandCenterWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Prerendered pages keep Chinese as text, not as &#x…; entities (the wall is zh-CN by default).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DistrictModel.Gulou);
        services.TryAddSingleton<EnvelopeParser>();
        services.TryAddSingleton<DistrictReducer>();
        services.TryAddSingleton<KpiCalculator>();
        services.AddSingleton<LiveState>();
        services.AddHostedService<LiveStateService>();
        services.AddSingleton<EventLabels>();
        services.AddSingleton<WallViewBuilder>();
        services.AddSingleton<WallFeed>();
        services.AddSingleton<WallThemeStylesheet>();
        services.AddHostedService<WallFeedStarter>();
        services.AddSingleton<ConsoleCommandService>();
        services.AddScoped<ConsoleSession>();
        services.AddGeography(configuration);
        services.AddSingleton<ReplayHistory>();
        services.AddSingleton<ItemTimeline>();
        services.AddSingleton<ReplayIndex>();
        services.AddSingleton<KioskStore>();
        services.AddSingleton<TakeoverService>();
        services.AddHostedService(sp => sp.GetRequiredService<TakeoverService>());
        services.AddSignalR();
        services.AddOpen311();
        services.AddSingleton<LiveSubscriptions>();
        services.AddHostedService<LiveHubBroadcaster>();
        services.AddCommandCenterHealth();
        services.AddCommandCenterMetrics(configuration);
        return services;
    }
}

public static class ModeConfigurationExtensions
{
    /// <summary>Embedded mode (docs/architecture.md, "Modes"): no <c>EventLog:Provider</c>, or <c>Embedded</c>.</summary>
    public static bool IsEmbeddedMode(this IConfiguration configuration) =>
        configuration["EventLog:Provider"] is not { Length: > 0 } provider || provider.Equals("Embedded", StringComparison.OrdinalIgnoreCase);
}
