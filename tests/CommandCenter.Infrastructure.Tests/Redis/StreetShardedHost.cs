using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>
/// The infrastructure as the app registers it with streams per street (docs/decisions/0014): Redis at the test server,
/// streets' keys under <c>baseKey</c>, the given database; <c>settings</c> add to or replace these.
/// </summary>
internal static class StreetShardedHost
{
    public static IHost Build(TempDatabase database, string baseKey, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["EventLog:Provider"] = "Redis",
            ["EventLog:Sharding"] = "Street",
            ["EventLog:StreamKey"] = baseKey,
            ["EventLog:DeadLetterKey"] = baseKey + ":dead",
            ["ConnectionStrings:Redis"] = RedisServer.Address,
        };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddCommandCenterInfrastructure(builder.Configuration);
        return builder.Build();
    }
}
