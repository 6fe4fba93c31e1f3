using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>The database's lag behind the log: grows while nothing is committed, and is gone once the backlog drains.</summary>
public sealed class ProjectionLagMonitorTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private ProjectionLagMonitor Monitor() =>
        new(_bed.Log, _bed.Store, new DatabaseReadiness(), _bed.Time, NullLogger<ProjectionLagMonitor>.Instance);

    [Fact]
    public async Task SampleAsync_EntriesWaitingUncommitted_LagGrowsPastTheLimitThenClearsWhenProjected()
    {
        var monitor = Monitor();
        Assert.Equal(TimeSpan.Zero, (await monitor.SampleAsync()).Lag);

        await _bed.AppendAsync(_bed.Events.MixedDay());
        _bed.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False((await monitor.SampleAsync()).IsBehind);
        _bed.Time.Advance(TimeSpan.FromSeconds(11));
        var behind = await monitor.SampleAsync();

        Assert.Equal(TimeSpan.FromSeconds(15), behind.Lag);
        Assert.True(behind.IsBehind);

        await ProjectionBed.DrainAsync(_bed.NewProjector());
        var caughtUp = await monitor.SampleAsync();

        Assert.Equal(TimeSpan.Zero, caughtUp.Lag);
        Assert.False(caughtUp.IsBehind);
        Assert.Null(caughtUp.Error);
    }
}
