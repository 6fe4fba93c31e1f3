using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>
/// A leader frozen past its lease (SIGSTOP, a long GC pause, a VM migration) resumes behind its successor. The fault
/// suite's frozen-leader case found both faults below: a batch the resumed leader read was lost, and the successor
/// projected while /healthz said no instance led.
/// </summary>
public sealed class TakeoverTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private IEventLog LogOf(string kind) => kind == "redis" ? RedisServer.NewLog(out _) : _bed.Log;

    [Theory]
    [InlineData("embedded")]
    [InlineData("redis")]
    public async Task RunOnceAsync_DeposedLeaderReadsABatchAfterTheTakeover_SuccessorStillProjectsEveryEntryInLogOrder(string kind)
    {
        var log = LogOf(kind);
        var entries = _bed.Events.MixedDay();
        await log.AppendAsync(entries);
        var successor = _bed.NewProjector("b", log, batchSize: 7);
        await successor.RunOnceAsync();

        // The old leader resumes and reads once more before it notices its lease is gone; its commit would be fenced off.
        var stolen = await log.ReadGroupAsync(Projector.Group, "a", 7);
        Assert.Equal(7, stolen.Count);
        await ProjectionBed.DrainAsync(successor);

        Assert.Equal(entries.Count, await _bed.CountAsync("SELECT COUNT(*) FROM event_history"));
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(await _bed.ReplayLogAsync(log)), ProjectionBed.Entities(stored.State));
        Assert.Equal(0, await log.PendingCountAsync(Projector.Group));
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("redis")]
    public async Task RunOnceAsync_DeposedLeaderReadsTheLastEntriesOfAQuietLog_SuccessorProjectsThemAtOnceAndIsNotCaughtUpBefore(string kind)
    {
        var log = LogOf(kind);
        var entries = _bed.Events.MixedDay();
        await log.AppendAsync(entries);
        var successor = _bed.NewProjector("b", log, batchSize: 7);
        await successor.RunOnceAsync();
        await log.ReadGroupAsync(Projector.Group, "a", entries.Count);

        // Nothing new for the successor: the entries the old leader took must not wait for Projector:ClaimIdle (30 s).
        Assert.Equal(0, await successor.RunOnceAsync());
        Assert.False(successor.IsCaughtUp, "caught up while entries of the log were not projected");
        await ProjectionBed.DrainAsync(successor);

        Assert.Equal(entries.Count, await _bed.CountAsync("SELECT COUNT(*) FROM event_history"));
        Assert.Equal(0, await log.PendingCountAsync(Projector.Group));
        Assert.True(successor.IsCaughtUp);
    }

    /// <summary>A lease this instance always holds.</summary>
    private sealed class HeldLease : IProjectorLease
    {
        public bool IsHeld => true;
        public string? Holder => "this";
        public CancellationToken LostToken => CancellationToken.None;
        public Task<bool> TryAcquireAsync(CancellationToken ct = default) => Task.FromResult(true);
        public Task<bool> RenewAsync(CancellationToken ct = default) => Task.FromResult(true);
        public Task ReleaseAsync(CancellationToken ct = default) => Task.CompletedTask;
    }

    /// <summary>The first consumer-group check fails, as the fence claim does while a frozen leader holds SQLite's write lock.</summary>
    private sealed class GroupUnavailableOnceLog(IEventLog inner) : DelegatingLog(inner)
    {
        public int Failures { get; private set; }

        public override Task EnsureGroupAsync(string group, CancellationToken ct = default)
        {
            if (Failures++ == 0)
                throw new TimeoutException("database is locked");
            return base.EnsureGroupAsync(group, ct);
        }
    }

    [Fact]
    public async Task ExecuteAsync_FirstInitializationFails_SaysItLeadsOnceItProjects()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var log = new GroupUnavailableOnceLog(_bed.Log);
        var status = new ProjectorStatus();
        var readiness = new DatabaseReadiness();
        readiness.SetReady();
        using var service = new ProjectorService(_bed.NewProjector(log: log, status: status), new HeldLease(), status, readiness, _bed.Time,
            NullLogger<ProjectorService>.Instance);

        await service.StartAsync(CancellationToken.None);
        for (var waited = 0; (!status.IsLeader || status.Current.AppliedCount == 0) && waited < 200; waited++)
            await Task.Delay(50);
        var leading = status.IsLeader;
        await service.StopAsync(CancellationToken.None);

        Assert.True(log.Failures >= 2, "the initialization never failed");
        Assert.True(status.Current.AppliedCount > 0, "the service never projected");
        Assert.True(leading, "the service projected while its status said it did not lead");
    }
}
