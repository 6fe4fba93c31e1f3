using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Projection;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.EventLog.Embedded;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The event log, the database (migrated before any other hosted service starts), the projector with its lease
    /// and status, the projection store (the <see cref="IStateSnapshotSource"/>) and the deadline watcher.
    /// Options are validated on start: an unsupported provider stops the host with a plain message.
    /// </summary>
    public static IServiceCollection AddCommandCenterInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventLogOptions>().Bind(configuration.GetSection(EventLogOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventLogOptions>>(new ProblemValidator<EventLogOptions>(o => o.Problem()));

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Database") ?? DatabaseOptions.DefaultSqliteConnectionString)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(new ProblemValidator<DatabaseOptions>(o => o.Problem()));

        services.AddOptions<ProjectorOptions>().Bind(configuration.GetSection(ProjectorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProjectorOptions>>(new ProblemValidator<ProjectorOptions>(o => o.Problem()));

        services.AddOptions<DeadlineWatcherOptions>().Bind(configuration.GetSection(DeadlineWatcherOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeadlineWatcherOptions>>(new ProblemValidator<DeadlineWatcherOptions>(o => o.Problem()));
        services.AddOptions<WhistleOptions>().Bind(configuration.GetSection(WhistleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WhistleOptions>>(new ProblemValidator<WhistleOptions>(o => o.Problem()));

        services.TryAddSingleton(DistrictModel.Gulou);
        // Before the accounts' default: the producers' event families as configured (a wrong one stops the start).
        services.TryAddSingleton(Security.ProducerSystems.From(configuration));
        services.TryAddSingleton<EnvelopeParser>();
        services.TryAddSingleton<DistrictReducer>();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IDbConnectionFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return options.Problem() is { } problem
                ? throw new OptionsValidationException(nameof(DatabaseOptions), typeof(DatabaseOptions), [problem])
                : options.CreateFactory();
        });
        services.TryAddSingleton<MigrationRunner>();
        services.TryAddSingleton<DatabaseReadiness>();
        // First of all hosted services: the host starts them in order and awaits each StartAsync.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrationService>());

        var eventLog = configuration.GetSection(EventLogOptions.Section).Get<EventLogOptions>();
        if (eventLog?.Provider == EventLogProvider.Redis)
            services.AddRedisEventLog(configuration);
        services.TryAddSingleton<IEventLog, SqliteEventLog>();
        // One stream per street: each street's pipeline runs its own projector and leader rounds (Redis/StreetStreams);
        // the single projector's services below are then not started.
        var sharded = eventLog is { Provider: EventLogProvider.Redis, Sharding: EventLogSharding.Street };
        services.TryAddSingleton(sp => EventLogStreams.Single(sp.GetRequiredService<IEventLog>()));

        services.TryAddSingleton<ProjectionStore>();
        services.TryAddSingleton<IStateSnapshotSource>(sp => sp.GetRequiredService<ProjectionStore>());
        services.TryAddSingleton<ProjectionWriter>();
        services.TryAddSingleton<ProjectorStatus>();
        services.TryAddSingleton<IProjectorLease>(sp =>
        {
            var projector = sp.GetRequiredService<IOptions<ProjectorOptions>>().Value;
            return new DatabaseLease(sp.GetRequiredService<IDbConnectionFactory>(), ProjectionStore.CheckpointName, projector.ConsumerName,
                projector.LeaseTime, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DatabaseLease>>());
        });
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.Section));
        services.TryAddSingleton<IProjectorFaults, ProcessFaults>();
        services.TryAddSingleton<Projector>();
        if (!sharded)
            services.AddHostedService<ProjectorService>();
        services.TryAddSingleton<ProjectionLagMonitor>();
        if (!sharded)
            services.AddHostedService(sp => sp.GetRequiredService<ProjectionLagMonitor>());

        services.TryAddSingleton<Verification.LogVerifier>();
        services.TryAddSingleton<DeadLetters.DeadLetterDesk>();
        services.AddOptions<HotState.HotStateOptions>().Bind(configuration.GetSection(HotState.HotStateOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HotState.HotStateOptions>>(new ProblemValidator<HotState.HotStateOptions>(o => o.Problem()));
        if (!sharded)
        {
            services.AddHostedService<HotState.HotStateArchiver>();
            services.AddHostedService<Rules.RulesAdoption>();
        }

        services.TryAddSingleton<DeadlineWatcher>();
        if (!sharded)
            services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatcher>());
        return services;
    }

    /// <summary>Turns an options class's own <c>Problem()</c> into a start-up failure with that message.</summary>
    private sealed class ProblemValidator<T>(Func<T, string?> problem) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
    }
}
