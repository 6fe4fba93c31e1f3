using System.Diagnostics;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation.History;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Simulation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CommandCenter.Infrastructure.Tests.Simulation;

/// <summary>The embedded app's first start on a fresh database: the last days of history, bulk-loaded once.</summary>
public sealed class HistoryBackfillTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Monday 10:00 in Nanjing: the morning's closures are in, so today's on-time rate has something to say.
    private static readonly DateTimeOffset Now = new(2026, 4, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cc-backfill-tests", Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "backfill.db")}";

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The app's infrastructure and simulator as Program.cs registers them in embedded mode.</summary>
    private IHost BuildHost(TimeProvider? time, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["ConnectionStrings:Database"] = ConnectionString, ["DeadlineWatcher:Interval"] = "00:00:01" }
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))));
        if (time is not null)
            builder.Services.AddSingleton(time);
        builder.Services.AddCommandCenterInfrastructure(builder.Configuration);
        builder.Services.AddDistrictSimulator(builder.Configuration, enabledByDefault: true);
        return builder.Build();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task FirstStart_BackfillsTheLastSevenDaysOnce_AndTheWallHasItsRates()
    {
        var time = new FakeTimeProvider(Now);
        long backfilled;
        using (var host = BuildHost(time, ("Simulator:Enabled", "false"), ("Simulator:Backfill", "true"), ("Simulator:Seed", "7")))
        {
            var clock = Stopwatch.StartNew();
            await host.StartAsync();
            var last = await host.Services.GetRequiredService<BackfillProgress>().WaitAsync().WaitAsync(Patience);
            output.WriteLine($"backfill appended and projected in {clock.Elapsed.TotalSeconds:F1} s");

            var log = host.Services.GetRequiredService<IEventLog>();
            var info = await log.InfoAsync(Projector.Group);
            backfilled = info.Length;
            Assert.Equal(info.LastPosition, last);
            Assert.InRange(backfilled, 40_000, 70_000);
            var status = host.Services.GetRequiredService<ProjectorStatus>();
            // The service settles on the committed checkpoint; the in-memory status follows the commit a moment later.
            await WaitUntilAsync(() => Task.FromResult(status.Checkpoint >= last), "the projector's status shows the backfill");
            Assert.Equal(0, status.RejectedCount);

            var figures = new KpiCalculator(DistrictModel.Gulou).Calculate(host.Services.GetRequiredService<Projector>().State, Now).District;
            Assert.InRange(figures.Tickets.OnTimeClosureRate ?? -1, 0.8, 1);
            Assert.InRange(figures.Tickets.SatisfactionRate ?? -1, 0.8, 1);
            Assert.True(figures.Tickets.ReceivedToday > 0 && figures.Incidents.ReportedToday > 0 && figures.Teams.Busy > 0);

            // The deadline watcher judges the whole history once it is projected, and finds nothing to refuse.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await WaitUntilAsync(async () => status.Checkpoint >= (await log.InfoAsync(Projector.Group)).LastPosition, "the watcher's entries projected");
            Assert.Equal(0, status.RejectedCount);
            backfilled = (await log.InfoAsync(Projector.Group)).Length;
            await host.StopAsync();
        }

        using (var again = BuildHost(time, ("Simulator:Enabled", "false"), ("Simulator:Backfill", "true"), ("Simulator:Seed", "8")))
        {
            await again.StartAsync();
            var last = await again.Services.GetRequiredService<BackfillProgress>().WaitAsync().WaitAsync(Patience);

            Assert.Null(last);
            Assert.Equal(backfilled, (await again.Services.GetRequiredService<IEventLog>().InfoAsync(Projector.Group)).Length);
            await again.StopAsync();
        }
    }

    [Fact]
    public async Task FirstStart_LiveSimulatorCarriesOnFromTheBackfill_WithNoRejections()
    {
        using var host = BuildHost(null, ("Simulator:BackfillDays", "1"), ("Simulator:EventsPerSecond", "50"), ("Simulator:Seed", "9"));
        await host.StartAsync();
        var last = await host.Services.GetRequiredService<BackfillProgress>().WaitAsync().WaitAsync(Patience);
        var log = host.Services.GetRequiredService<IEventLog>();
        var status = host.Services.GetRequiredService<ProjectorStatus>();
        Assert.NotNull(last);

        // The live simulator appends after the history, never inside it, and takes over its open work.
        await WaitUntilAsync(async () => (await log.InfoAsync(Projector.Group)).LastPosition > last, "the live simulator's first batch");
        var lastOfHistory = (await log.ReadAfterAsync(new LogPosition(0, last!.Value.Sequence - 1), 1))[0];
        var firstLive = (await log.ReadAfterAsync(last.Value, 1))[0];
        Assert.True(DateTimeOffset.Parse(firstLive.Fields["occurredAt"]) >= DateTimeOffset.Parse(lastOfHistory.Fields["occurredAt"]));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var appended = (await log.InfoAsync(Projector.Group)).LastPosition;
        await WaitUntilAsync(() => Task.FromResult(status.Checkpoint >= appended), "the live entries projected");
        await host.StopAsync();

        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT type, source, occurred_at, reason FROM event_history WHERE outcome <> 'applied' LIMIT 10";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                output.WriteLine($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}: {reader.GetValue(3)}");
        }
        Assert.Equal(0, status.RejectedCount);
        Assert.Equal(0, status.DeadLettered);
    }

    [Fact]
    public async Task StartOnAHistoryWrittenBefore_WaitsUntilItIsProjected_ThenCarriesOnWithNoRejections()
    {
        // What `cc simulate --days 2` leaves: a log with a past the app has never projected.
        using var host = BuildHost(null, ("Simulator:EventsPerSecond", "50"), ("Simulator:Seed", "10"));
        await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var log = host.Services.GetRequiredService<IEventLog>();
        var written = await GeneratedHistory.AppendAsync(log, new HistoryGenerator(DistrictModel.Gulou).LastDays(2, DateTimeOffset.UtcNow, 11), 5_000);
        var status = host.Services.GetRequiredService<ProjectorStatus>();

        await host.StartAsync();
        var backfilled = await host.Services.GetRequiredService<BackfillProgress>().WaitAsync().WaitAsync(Patience);

        Assert.Null(backfilled);
        // The committed checkpoint, which the service waits on: the projector's in-memory status follows its commit a
        // moment later, and a busy machine showed that moment (CI read the status one batch behind).
        var committed = await host.Services.GetRequiredService<ProjectionStore>().CheckpointAsync();
        Assert.True(committed >= written.Last, "the simulator and the watcher start once the past is projected");
        await Task.Delay(TimeSpan.FromSeconds(8));
        var appended = (await log.InfoAsync(Projector.Group)).LastPosition;
        Assert.True(appended > written.Last, "the live simulator appends after the past");
        await WaitUntilAsync(() => Task.FromResult(status.Checkpoint >= appended), "the live entries projected");
        await host.StopAsync();

        Assert.Equal(0, status.RejectedCount);
        Assert.Equal(0, status.DeadLettered);
    }
}
