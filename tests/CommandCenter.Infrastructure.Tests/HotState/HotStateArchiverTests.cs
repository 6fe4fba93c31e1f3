using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.HotState;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.HotState;

/// <summary>The leader archives old closed items through the log: they leave every state, and stay in the database.</summary>
public sealed class HotStateArchiverTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task ArchiveOnceAsync_ItemsClosedLongerThanTheRetention_LeaveTheStateButNotTheDatabase()
    {
        var incident = Guid.NewGuid();
        await _bed.AppendAsync(_bed.Events.IncidentLifecycle(incident)); // closed on 1 March
        await _bed.AppendAsync(_bed.Events.TicketLifecycle(Guid.NewGuid()).Take(3)); // still open
        var projector = _bed.NewProjector();
        await ProjectionBed.DrainAsync(projector);
        _bed.Time.Advance(TimeSpan.FromDays(10));
        var archiver = new HotStateArchiver(projector, _bed.Log, new LocalLease(), DistrictModel.Gulou, _bed.Time,
            Options.Create(new HotStateOptions()), NullLogger<HotStateArchiver>.Instance);

        Assert.True(await archiver.ArchiveOnceAsync());
        await ProjectionBed.DrainAsync(projector);

        Assert.False(projector.State.Incidents.ContainsKey(incident));
        Assert.Single(projector.State.Tickets);
        Assert.Equal(1, await _bed.CountAsync("SELECT COUNT(*) FROM incidents WHERE id = @id", new { id = incident.ToString() }));
        Assert.Equal(1, projector.Counters.Markers);
        Assert.False(await archiver.ArchiveOnceAsync()); // nothing left to archive
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(projector.State), ProjectionBed.Entities(stored.State));
    }
}
