using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Projection;
using Dapper;

namespace CommandCenter.Infrastructure.Tests.Projection;

public sealed class ProjectionStoreTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task LoadAsync_AfterProjecting_ReturnsTheStateTheProjectorHolds()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var projector = _bed.NewProjector(batchSize: 9);
        await ProjectionBed.DrainAsync(projector);

        var snapshot = await _bed.Store.LoadAsync();

        Assert.Equal(ProjectionBed.Entities(projector.State), ProjectionBed.Entities(snapshot.State));
        Assert.True(projector.State.Recent.SameAs(snapshot.State.Recent), "the idempotency windows differ");
        Assert.Equal(projector.State.AppliedCount, snapshot.State.AppliedCount);
        Assert.Equal(projector.Checkpoint, snapshot.Checkpoint);
        Assert.NotEqual(LogPosition.Start, snapshot.Checkpoint);
    }

    [Fact]
    public async Task LoadAsync_EmptyDatabase_ReturnsEmptyStateAtStart()
    {
        var snapshot = await _bed.Store.LoadAsync();

        Assert.Empty(ProjectionBed.Entities(snapshot.State));
        Assert.Equal(0, snapshot.State.Recent.Count);
        Assert.Equal(LogPosition.Start, snapshot.Checkpoint);
    }

    [Fact]
    public async Task RunOnceAsync_CommitFailsThenDatabaseRecovers_BatchIsRetriedAndNothingIsLostOrDoubled()
    {
        await _bed.AppendAsync(_bed.Events.IncidentLifecycle(Guid.NewGuid()));
        var status = new ProjectorStatus();
        var projector = _bed.NewProjector(status: status);
        await ProjectionBed.DrainAsync(projector);
        var before = projector.State;
        await _bed.AppendAsync(_bed.Events.TicketLifecycle(Guid.NewGuid()));

        await using (var connection = await _bed.Database.Factory.OpenAsync())
            await connection.ExecuteAsync("ALTER TABLE checkpoints RENAME TO checkpoints_unavailable");
        await Assert.ThrowsAnyAsync<Exception>(() => projector.RunOnceAsync());
        Assert.Same(before, projector.State);

        await using (var connection = await _bed.Database.Factory.OpenAsync())
            await connection.ExecuteAsync("ALTER TABLE checkpoints_unavailable RENAME TO checkpoints");
        await ProjectionBed.DrainAsync(projector);

        var replay = await _bed.ReplayLogAsync();
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(replay), ProjectionBed.Entities(stored.State));
        Assert.Equal(replay.AppliedCount, stored.Counters.Applied);
        Assert.Equal(0, stored.Counters.Duplicates);
        Assert.Equal(0, await _bed.Log.PendingCountAsync(Projector.Group));
        Assert.Equal(replay.AppliedCount, await _bed.CountAsync("SELECT COUNT(*) FROM event_history"));
    }

    [Fact]
    public async Task SaveSnapshotAsync_OlderThanTheNewestKept_DaySnapshotsLoseTheirWindowAndRestartsStillUseAFullOne()
    {
        // Five days, a snapshot at each: with two kept for restarts, the three older ones stay only for replays.
        var states = new List<(long Seq, Core.State.DistrictState State)>();
        for (var day = 0; day < 5; day++)
        {
            _bed.Time.SetUtcNow(ProjectionBed.Start.AddDays(day));
            await _bed.AppendAsync(_bed.Events.MixedDay());
            var projector = _bed.NewProjector(batchSize: 50);
            await ProjectionBed.DrainAsync(projector);
            var seq = await _bed.CountAsync("SELECT MAX(seq) FROM event_history");
            await _bed.Store.SaveSnapshotAsync(projector.State, seq, projector.Checkpoint, ProjectionBed.Start.AddDays(day).AddHours(12), keep: 2, _bed.Time);
            states.Add((seq, projector.State));
        }

        await using var connection = await _bed.Database.Factory.OpenAsync();
        var rows = (await connection.QueryAsync<(long HistorySeq, long HoldsWindow, byte[] Body)>(
            "SELECT history_seq, holds_window, body FROM state_snapshots ORDER BY history_seq")).ToList();
        Assert.Equal([0L, 0L, 0L, 1L, 1L], rows.Select(r => r.HoldsWindow));
        // The window's random ids do not compress: dropping it saves about 16 bytes an id.
        var full = (byte[])Codec.GetMethod("Encode")!.Invoke(null, [states[2].State, true])!;
        Assert.InRange(full.Length - rows[2].Body.Length, 12 * states[2].State.Recent.Count, int.MaxValue);
        foreach (var (row, (seq, state)) in rows.Zip(states))
        {
            Assert.Equal(seq, row.HistorySeq);
            var forReplay = ProjectionStore.DecodeForReplay(row.Body);
            Assert.Equal(ProjectionBed.Entities(state), ProjectionBed.Entities(forReplay));
            Assert.Equal(state.AppliedCount, forReplay.AppliedCount);
            Assert.Equal(0, forReplay.Recent.Count);
        }
        // A projector never starts from a snapshot without the window: that would take re-sent copies for new events.
        var thin = rows[0].Body;
        var refused = Assert.Throws<System.Reflection.TargetInvocationException>(() => Codec.GetMethod("Decode")!.Invoke(null, [thin]));
        Assert.IsType<InvalidDataException>(refused.InnerException);
        var loaded = await _bed.Store.LoadProjectionAsync();
        Assert.True(states[^1].State.Recent.SameAs(loaded.State.Recent), "a restart must load the newest full snapshot's window");
        Assert.Equal(0, await _bed.Store.ThinReplaySnapshotsAsync(keep: 2));
    }

    private static readonly Type Codec = typeof(ProjectionStore).Assembly.GetType("CommandCenter.Infrastructure.Projection.StateSnapshotCodec")!;
}
