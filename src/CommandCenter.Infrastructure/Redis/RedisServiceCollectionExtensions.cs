using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Trimming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// The Redis event log and lease, registered ahead of the embedded defaults. The multiplexer does not abort when
    /// Redis is down at start: the app serves, the wall says it is stale, and everything resumes when Redis returns.
    /// </summary>
    internal static IServiceCollection AddRedisEventLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Redis") ?? "")
            .Validate(o => o.Problem() is null, "ConnectionStrings:Redis is required and Redis:LeaseTime at least 1 s when EventLog:Provider is 'Redis'")
            .ValidateOnStart();

        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.ConnectionString);
            options.AbortOnConnectFail = false;
            options.ConnectRetry = 3;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            options.ClientName = "commandcenter";
            return ConnectionMultiplexer.Connect(options);
        });
        // Chosen before the first event (docs/decisions/0014): one stream per street, each with a pipeline of its own.
        var sharded = configuration.GetSection(EventLogOptions.Section).Get<EventLogOptions>()?.Sharding == EventLogSharding.Street;
        services.AddOptions<LogTrimOptions>().Bind(configuration.GetSection(LogTrimOptions.Section))
            .Validate(o => o.Problem() is null, "LogTrim:Retention must not be negative and LogTrim:Interval must be positive")
            .ValidateOnStart();
        if (sharded)
        {
            StreetStreamsRegistration.AddStreetStreams(services, configuration);
            return services;
        }
        services.AddSingleton<IEventLog>(sp =>
        {
            var log = sp.GetRequiredService<IOptions<EventLogOptions>>().Value;
            return new RedisEventLog(sp.GetRequiredService<IConnectionMultiplexer>(), log.StreamKey, log.DeadLetterKey);
        });
        services.AddSingleton<IProjectorLease>(sp =>
        {
            var log = sp.GetRequiredService<IOptions<EventLogOptions>>().Value;
            var projector = sp.GetRequiredService<IOptions<ProjectorOptions>>().Value;
            return new RedisProjectorLease(sp.GetRequiredService<IConnectionMultiplexer>(), $"{log.StreamKey}:projector:lease",
                projector.ConsumerName, sp.GetRequiredService<IOptions<RedisOptions>>().Value.LeaseTime);
        });
        // Only the Redis stream is trimmed: the embedded log lives in the database, which keeps the whole history anyway.
        if (configuration.GetValue(LogTrimOptions.Section + ":Enabled", true))
            services.AddHostedService<LogTrimmer>();
        return services;
    }
}
