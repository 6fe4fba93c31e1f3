using CommandCenter.Core.Geography;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Geography;

public static class GeographyServiceCollectionExtensions
{
    /// <summary>
    /// The district's geography (<see cref="LoadedGeography"/>), loaded once at start and checked then (a refused file
    /// is logged and shown on <c>/healthz</c>); the wall's outlines, the areas, the gazetteer and the locator from it.
    /// </summary>
    public static IServiceCollection AddGeography(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => LoadedGeography.Load(configuration, WebRootLocator.Resolve(configuration),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<DistrictModel>()));
        services.AddSingleton(sp => sp.GetRequiredService<LoadedGeography>().Shapes);
        services.AddSingleton(sp => sp.GetRequiredService<LoadedGeography>().Areas);
        services.AddSingleton(sp => new Gazetteer(sp.GetRequiredService<DistrictModel>(), GeographyData.Gulou));
        services.AddSingleton<StreetLocator>();
        services.AddHostedService<GeographyStartupCheck>();
        services.AddHealthChecks().AddCheck<GeographyHealthCheck>(GeographyHealthCheck.Name);
        return services;
    }
}

/// <summary>Loads the geography when the app starts, so a bad boundary file is reported then, not at the first wall.</summary>
internal sealed class GeographyStartupCheck(LoadedGeography geography, ILogger<GeographyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (geography.Warning is { } warning)
            logger.LogWarning("Street geography: {Warning}", warning);
        else
            logger.LogInformation("Street geography: {Source}, the wall's map from {Map}", geography.Areas.IsApproximate ? "approximate street cells" : geography.Areas.Source, geography.Shapes.Source);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
