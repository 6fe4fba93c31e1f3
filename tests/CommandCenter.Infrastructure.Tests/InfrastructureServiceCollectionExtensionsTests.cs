using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Projection;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests;

public sealed class InfrastructureServiceCollectionExtensionsTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-infra-tests", Guid.NewGuid().ToString("N"));
    // The database the running host uses: the provider these suites run on (CC_TEST_DATABASE), unmigrated.
    private TempDatabase _database = null!;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "host.db")}";

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString))
            SqliteConnection.ClearPool(connection);
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
        await _database.DisposeAsync();
    }

    private IHost BuildRunningHost(params (string Key, string Value)[] settings) => BuildHost(
        [("Database:Provider", _database.Provider.ToString()), ("ConnectionStrings:Database", _database.ConnectionString), .. settings]);

    private IHost BuildHost(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        var configuration = new Dictionary<string, string?> { ["ConnectionStrings:Database"] = ConnectionString };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddCommandCenterInfrastructure(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task AddCommandCenterInfrastructure_HostRunning_MigratesAndProjectsAppendedEvents()
    {
        using var host = BuildRunningHost(("Projector:BatchSize", "4"));
        await host.StartAsync();
        var log = host.Services.GetRequiredService<IEventLog>();
        var status = host.Services.GetRequiredService<ProjectorStatus>();
        var entries = new Scenario(DateTimeOffset.UtcNow.AddHours(-1)).MixedDay();

        var positions = await log.AppendAsync([.. entries]);
        // The leader appends a notice of its own when it takes the lease (the rules it adopts): before these entries or,
        // when it leads a moment later (PostgreSQL migrating under load), after them. So the test waits for the whole
        // log to be projected, not for its own last entry.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        LogPosition? last;
        while (true)
        {
            last = (await log.InfoAsync(Projector.Group)).LastPosition;
            if ((status.Checkpoint == last && last >= positions[^1]) || DateTime.UtcNow > deadline) break;
            await Task.Delay(10);
        }

        Assert.Equal(last, status.Checkpoint);
        Assert.True(status.Checkpoint >= positions[^1]);
        Assert.True(status.IsLeader);
        Assert.Null(status.LastError);
        Assert.Equal(entries.Count - 1, status.AppliedCount);
        var snapshot = await host.Services.GetRequiredService<IStateSnapshotSource>().LoadAsync();
        Assert.Equal(last, snapshot.Checkpoint);
        Assert.Equal(ProjectionBed.Entities(host.Services.GetRequiredService<Projector>().State), ProjectionBed.Entities(snapshot.State));
        await host.StopAsync();
        Assert.False(status.IsLeader);
    }

    [Fact]
    public async Task AddCommandCenterInfrastructure_NoConfiguration_UsesTheDocumentedDefaults()
    {
        using var host = BuildHost();

        var eventLog = host.Services.GetRequiredService<IOptions<CommandCenter.Infrastructure.EventLog.EventLogOptions>>().Value;
        var projector = host.Services.GetRequiredService<IOptions<ProjectorOptions>>().Value;
        var database = host.Services.GetRequiredService<IOptions<CommandCenter.Infrastructure.Database.DatabaseOptions>>().Value;

        Assert.Equal("cc:events", eventLog.StreamKey);
        Assert.Equal("cc:events:dead", eventLog.DeadLetterKey);
        Assert.Equal(2000, projector.BatchSize);
        Assert.Equal(3, projector.MaxDeliveries);
        Assert.Equal(TimeSpan.FromSeconds(30), projector.ClaimIdle);
        Assert.Equal(CommandCenter.Infrastructure.Database.DatabaseProvider.Sqlite, database.Provider);
        Assert.Equal(ConnectionString, database.ConnectionString);
    }

    [Theory]
    [InlineData("EventLog:Provider", "Redis", "ConnectionStrings:Redis is required")]
    [InlineData("Database:Provider", "Postgres", "ConnectionStrings:Database is a SQLite connection string")]
    [InlineData("Projector:BatchSize", "0", "Projector:BatchSize must be 1 to 10000")]
    public async Task StartAsync_UnsupportedOrInvalidSetting_FailsWithAPlainMessage(string key, string value, string message)
    {
        using var host = BuildHost((key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
    }
}
