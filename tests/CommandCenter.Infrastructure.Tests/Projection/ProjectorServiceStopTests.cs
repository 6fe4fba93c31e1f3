using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>Stopping the projector's host while it leads: the lease is given back when it can be, and never crashes the stop.</summary>
public sealed class ProjectorServiceStopTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();
    public Task DisposeAsync() => _bed.DisposeAsync().AsTask();

    /// <summary>A held lease whose store has gone away by the time it is released (a host disposing its Redis connection first).</summary>
    private sealed class LeaseOnAClosedConnection : IProjectorLease
    {
        public bool IsHeld { get; private set; }
        public string? Holder => IsHeld ? "this" : null;
        public CancellationToken LostToken => CancellationToken.None;
        public int Releases { get; private set; }

        public Task<bool> TryAcquireAsync(CancellationToken ct = default) => Task.FromResult(IsHeld = true);
        public Task<bool> RenewAsync(CancellationToken ct = default) => Task.FromResult(IsHeld);

        public Task ReleaseAsync(CancellationToken ct = default)
        {
            Releases++;
            throw new AggregateException(new ObjectDisposedException("commandcenter"));
        }
    }

    [Fact]
    public async Task StopAsync_LeaseStoreAlreadyClosed_StopsCleanlyAndStopsLeading()
    {
        var lease = new LeaseOnAClosedConnection();
        var status = new ProjectorStatus();
        var readiness = new DatabaseReadiness();
        readiness.SetReady();
        using var service = new ProjectorService(_bed.NewProjector(status: status), lease, status, readiness, _bed.Time,
            NullLogger<ProjectorService>.Instance);

        await service.StartAsync(CancellationToken.None);
        for (var waited = 0; !status.IsLeader && waited < 200; waited++)
            await Task.Delay(50);
        Assert.True(status.IsLeader, "the service never took the lease");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(1, lease.Releases);
        Assert.False(status.IsLeader);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully, service.ExecuteTask.Exception?.ToString());
    }
}
