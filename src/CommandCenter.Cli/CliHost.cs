using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Cli;

/// <summary>
/// The app's own infrastructure, built from the same configuration sources the app reads, so `cc` talks to the
/// same event log and database (embedded SQLite or Redis) with no settings of its own. Nothing is started.
/// </summary>
internal static class CliHost
{
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    public static async Task<ServiceProvider> BuildAsync(IConfiguration configuration, CancellationToken ct, bool accounts = false)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddCommandCenterInfrastructure(configuration);
        if (accounts)
            services.AddCommandCenterAccounts();
        var provider = services.BuildServiceProvider();
        // The embedded log and the accounts live in the database: make sure its tables exist (a no-op when the app already ran).
        if (accounts || provider.GetRequiredService<IEventLog>() is not (Infrastructure.Redis.RedisEventLog or Infrastructure.EventLog.StreetRoutedEventLog))
            await provider.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
        return provider;
    }
}
