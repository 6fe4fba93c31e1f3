using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Support;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>
/// A consumer group rewound behind its own pending entries, as deploy/restore.sh leaves it: the database comes from a
/// dump taken before the Redis AOF was copied, so the group had acknowledged entries the restored database lacks and
/// still held a batch in flight. (The restore drill lost the entries between the two this way.)
/// </summary>
public sealed class RewoundGroupTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task RunOnceAsync_GroupRewoundBehindItsPendingEntries_ProjectsEveryEntryInLogOrder()
    {
        var log = RedisServer.NewLog(out var streamKey);
        var entries = _bed.Events.MixedDay();
        await log.AppendAsync(entries);
        // The database's checkpoint: one committed batch.
        await _bed.NewProjector("before-the-dump", log, batchSize: 7).RunOnceAsync();
        var checkpoint = (await _bed.Store.LoadProjectionAsync()).Checkpoint;
        // After the dump the old system committed 7 more (into a database that is lost) and had 7 in flight.
        var later = await log.ReadGroupAsync(Projector.Group, "before-the-dump", 14);
        await log.AcknowledgeAsync(Projector.Group, [.. later.Take(7).Select(e => e.Position)]);
        // deploy/restore.sh rewind: the group back to the restored checkpoint; its pending entries stay.
        await RedisServer.Connection.GetDatabase().ExecuteAsync("XGROUP", "SETID", streamKey, Projector.Group, checkpoint.ToString());
        Assert.Equal(7, await log.PendingCountAsync(Projector.Group));

        await ProjectionBed.DrainAsync(_bed.NewProjector("after-the-restore", log, batchSize: 7));

        var replay = await _bed.ReplayLogAsync(log);
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(replay), ProjectionBed.Entities(stored.State));
        Assert.Equal(entries.Count, await _bed.CountAsync("SELECT COUNT(*) FROM event_history"));
        Assert.Equal(0, await log.PendingCountAsync(Projector.Group));
    }

    [Fact]
    public async Task RunOnceAsync_PendingEntriesOlderThanEveryUndeliveredOne_AreStillClaimedFirst()
    {
        var log = RedisServer.NewLog(out _);
        var entries = _bed.Events.MixedDay();
        await log.AppendAsync(entries);
        await log.EnsureGroupAsync(Projector.Group);
        var inFlight = await log.ReadGroupAsync(Projector.Group, "crashed", 7);

        var successor = _bed.NewProjector("successor", log, batchSize: 7);
        await successor.RunOnceAsync();

        Assert.Equal(inFlight[^1].Position, successor.Checkpoint);
        Assert.Equal(0, await log.PendingCountAsync(Projector.Group));
    }
}
