using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.Simulation;

public sealed class SimulatorRegistrationTests
{
    private static ServiceProvider Build(bool enabledByDefault, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IEventLog, InMemoryEventLog>();
        services.AddDistrictSimulator(configuration, enabledByDefault);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddDistrictSimulator_NoSettingEnabledByDefault_RunsTheSimulator()
    {
        using var provider = Build(enabledByDefault: true);

        Assert.Single(provider.GetServices<IHostedService>().OfType<SimulatorService>());
        Assert.True(provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
        Assert.Equal(5, provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.EventsPerSecond);
    }

    [Fact]
    public void AddDistrictSimulator_DisabledInConfiguration_OverridesTheDefault()
    {
        using var provider = Build(enabledByDefault: true, ("Simulator:Enabled", "false"));

        Assert.Empty(provider.GetServices<IHostedService>());
        Assert.False(provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
    }

    [Fact]
    public void AddDistrictSimulator_EnabledInConfiguration_BindsItsSettings()
    {
        using var provider = Build(enabledByDefault: false,
            ("Simulator:Enabled", "true"), ("Simulator:EventsPerSecond", "12.5"), ("Simulator:Seed", "7"));
        var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        Assert.Single(provider.GetServices<IHostedService>().OfType<SimulatorService>());
        Assert.Equal(12.5, options.EventsPerSecond);
        Assert.Equal(7, options.Seed);
    }

    [Fact]
    public void AddDistrictSimulator_OffByDefaultAndUnset_RegistersNoService()
    {
        using var provider = Build(enabledByDefault: false);

        Assert.Empty(provider.GetServices<IHostedService>());
    }

    [Fact]
    public void AddDistrictSimulator_ZeroRate_IsRefusedWithTheSettingNamed()
    {
        using var provider = Build(enabledByDefault: true, ("Simulator:EventsPerSecond", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        Assert.Contains("Simulator:EventsPerSecond", error.Message);
    }

    [Fact]
    public void AddDistrictSimulator_EmbeddedDefault_BackfillsBeforeTheSimulatorRuns()
    {
        using var provider = Build(enabledByDefault: true);
        var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        Assert.True(options.Backfill);
        Assert.Equal(7, options.BackfillDays);
        Assert.Single(provider.GetServices<IHostedService>().OfType<HistoryBackfillService>());
        Assert.NotNull(provider.GetService<BackfillProgress>());
    }

    [Theory]
    [InlineData(true, "Simulator:Enabled", "false")]
    [InlineData(true, "Simulator:Backfill", "false")]
    [InlineData(false, "Simulator:Enabled", "true")]
    public void AddDistrictSimulator_SimulatorOffBackfillOffOrRedis_NoBackfill(bool enabledByDefault, string key, string value)
    {
        using var provider = Build(enabledByDefault, (key, value));

        Assert.False(provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.Backfill);
        Assert.Empty(provider.GetServices<IHostedService>().OfType<HistoryBackfillService>());
        Assert.Null(provider.GetService<BackfillProgress>());
    }

    [Fact]
    public void AddDistrictSimulator_BackfillAskedForWithTheSimulatorOff_BackfillsOnly()
    {
        using var provider = Build(enabledByDefault: true, ("Simulator:Enabled", "false"), ("Simulator:Backfill", "true"));

        Assert.Single(provider.GetServices<IHostedService>().OfType<HistoryBackfillService>());
        Assert.Empty(provider.GetServices<IHostedService>().OfType<SimulatorService>());
    }

    [Fact]
    public void AddDistrictSimulator_BackfillOfNoDays_IsRefusedWithTheSettingNamed()
    {
        using var provider = Build(enabledByDefault: true, ("Simulator:BackfillDays", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        Assert.Contains("Simulator:BackfillDays must be 1 to 366", error.Message);
    }
}
