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
    /// Expects an <c>IEventLog</c> to be registered by the event-log setup.
    /// </summary>
    public static IServiceCollection AddDistrictSimulator(this IServiceCollection services, IConfiguration configuration, bool enabledByDefault)
    {
        var section = configuration.GetSection(SimulatorOptions.SectionName);
        var enabled = section.GetValue<bool?>(nameof(SimulatorOptions.Enabled)) ?? enabledByDefault;

        services.AddOptions<SimulatorOptions>()
            .Bind(section)
            .PostConfigure(o => o.Enabled = enabled)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());

        if (!enabled)
            return services;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DistrictModel.Gulou);
        services.AddHostedService<SimulatorService>();
        return services;
    }
}
