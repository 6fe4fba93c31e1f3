using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using CommandCenter.Infrastructure.Trimming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.Redis;

public sealed class LogTrimmerTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;
    private RedisEventLog _log = null!;
    private readonly LocalLease _lease = new();

    public async Task InitializeAsync()
    {
        _bed = await ProjectionBed.CreateAsync();
        _log = RedisServer.NewLog(out _);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private LogTrimmer Trimmer(Projector projector, TimeSpan retention) =>
        new(_log, projector, _lease, TimeProvider.System, Options.Create(new LogTrimOptions { Retention = retention }), NullLogger<LogTrimmer>.Instance);

    [Fact]
    public async Task TrimOnceAsync_NoRetention_TrimsCommittedEntriesButNotThoseAfterTheCheckpoint()
    {
        var committed = await _log.AppendAsync([.. _bed.Events.IncidentLifecycle(Guid.NewGuid())]);
        var projector = _bed.NewProjector(log: _log);
        await ProjectionBed.DrainAsync(projector);
        var later = await _log.AppendAsync([.. _bed.Events.IncidentLifecycle(Guid.NewGuid())]);
        await _lease.TryAcquireAsync();

        var trimmed = await Trimmer(projector, TimeSpan.Zero).TrimOnceAsync();

        Assert.Equal(committed.Count, trimmed);
        var left = await _log.ReadAfterAsync(LogPosition.Start, 100);
        Assert.Equal(later, left.Select(e => e.Position));
    }

    [Fact]
    public async Task TrimOnceAsync_WithinRetention_KeepsEverything()
    {
        await _log.AppendAsync([.. _bed.Events.IncidentLifecycle(Guid.NewGuid())]);
        var projector = _bed.NewProjector(log: _log);
        await ProjectionBed.DrainAsync(projector);
        await _lease.TryAcquireAsync();

        Assert.Equal(0, await Trimmer(projector, TimeSpan.FromHours(1)).TrimOnceAsync());
        Assert.Equal(6, (await _log.ReadAfterAsync(LogPosition.Start, 100)).Count);
    }

    [Fact]
    public async Task TrimOnceAsync_NotTheLeader_TrimsNothing()
    {
        await _log.AppendAsync([.. _bed.Events.IncidentLifecycle(Guid.NewGuid())]);
        var projector = _bed.NewProjector(log: _log);
        await ProjectionBed.DrainAsync(projector);

        Assert.Equal(0, await Trimmer(projector, TimeSpan.Zero).TrimOnceAsync());
    }
}
