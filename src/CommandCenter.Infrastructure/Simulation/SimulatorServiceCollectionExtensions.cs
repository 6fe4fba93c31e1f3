using CommandCenter.Core.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Simulation;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SimulatorOptions"/> from the <c>Simulator</c> section and, when the simulator is enabled
    /// (<c>Simulator:Enabled</c> if set, else <paramref name="enabledByDefault"/>), runs <see cref="SimulatorService"/>.
    /// When the backfill is on (<c>Simulator:Backfill</c> if set, else when the simulator is on by default and enabled),
    /// runs <see cref="HistoryBackfillService"/> first: the simulator and the deadline watcher wait for it.
    /// Expects an <c>IEventLog</c> to be registered by the event-log setup.
    /// </summary>
    public static IServiceCollection AddDistrictSimulator(this IServiceCollection services, IConfiguration configuration, bool enabledByDefault)
    {
        var section = configuration.GetSection(SimulatorOptions.SectionName);
        var enabled = section.GetValue<bool?>(nameof(SimulatorOptions.Enabled)) ?? enabledByDefault;
        // Off with Redis unless asked for: a production stream is not a demo's to fill.
        var backfill = section.GetValue<bool?>(nameof(SimulatorOptions.Backfill)) ?? (enabledByDefault && enabled);

        services.AddOptions<SimulatorOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                o.Enabled = enabled;
                o.Backfill = backfill;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        if (!enabled && !backfill)
            return services;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DistrictModel.Gulou);
        if (backfill)
        {
            services.TryAddSingleton<BackfillProgress>();
            services.AddHostedService<HistoryBackfillService>();
        }
        if (enabled)
            services.AddHostedService<SimulatorService>();
        return services;
    }
}
