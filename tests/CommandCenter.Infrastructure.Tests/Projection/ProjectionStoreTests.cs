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
}
