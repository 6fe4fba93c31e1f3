using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.Deadlines;

public sealed class DeadlineWatcherTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private DeadlineWatcher NewWatcher(Projector projector, IProjectorLease? lease = null, WhistleOptions? whistles = null) =>
        new(projector, _bed.Log, lease ?? new LocalLease(), _bed.Time, Options.Create(new DeadlineWatcherOptions()),
            Options.Create(whistles ?? new WhistleOptions()), NullLogger<DeadlineWatcher>.Instance);

    [Fact]
    public async Task ScanOnceAsync_DeadlinesPass_AppendsOneMissPerItemOnceUntilProjected()
    {
        var start = ProjectionBed.Start;
        var lateIncident = Guid.NewGuid();
        var laterIncident = Guid.NewGuid();
        var ticket = Guid.NewGuid();
        var whistle = Guid.NewGuid();
        await _bed.AppendAsync(
        [
            EnvelopeWriter.ToFields(new IncidentReported(lateIncident, Scenario.Grid, "garbage", 2, "垃圾", DueAt: start.AddHours(1)), Scenario.Street, "test", start),
            EnvelopeWriter.ToFields(new IncidentReported(laterIncident, Scenario.Grid, "garbage", 2, "垃圾", DueAt: start.AddHours(5)), Scenario.Street, "test", start),
            EnvelopeWriter.ToFields(new TicketReceived(ticket, "12345", "noise", "噪音", "138****0000", start.AddHours(2)), Scenario.Street, "test", start),
            EnvelopeWriter.ToFields(new WhistleBlown(whistle, WhistleLevel.WorkAdvance, "加装电梯", ["chengguan", "market"], start.AddMinutes(30)), Scenario.Street, "test", start),
            EnvelopeWriter.ToFields(new WhistleDepartmentReported(whistle, "chengguan"), Scenario.Street, "test", start.AddMinutes(10)),
        ]);
        var projector = _bed.NewProjector();
        await ProjectionBed.DrainAsync(projector);
        var lease = new LocalLease();
        await lease.TryAcquireAsync();
        var watcher = NewWatcher(projector, lease);

        _bed.Time.Advance(TimeSpan.FromMinutes(15));
        var beforeAnyDeadline = await watcher.ScanOnceAsync();
        _bed.Time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(15));
        var afterThreeHours = await watcher.ScanOnceAsync();
        var repeated = await watcher.ScanOnceAsync();

        Assert.Equal(0, beforeAnyDeadline);
        Assert.Equal(4, afterThreeHours); // three misses, then the whistle's escalation
        Assert.Equal(0, repeated);
        var appended = (await _bed.Log.ReadAfterAsync(LogPosition.Start, 100)).Skip(5).ToList();
        Assert.Equal([EventTypes.DeadlineMissed, EventTypes.DeadlineMissed, EventTypes.DeadlineMissed, EventTypes.WhistleEscalated],
            appended.Select(e => e.Fields[EnvelopeFields.Type]));
        Assert.All(appended, e =>
        {
            Assert.Equal(DeadlineWatcher.Source, e.Fields[EnvelopeFields.Source]);
            Assert.Equal(EnvelopeWriter.FormatTime(_bed.Time.GetUtcNow()), e.Fields[EnvelopeFields.OccurredAt]);
        });

        await ProjectionBed.DrainAsync(projector);
        var afterProjection = await watcher.ScanOnceAsync();

        Assert.Equal(0, afterProjection);
        Assert.Equal(0, projector.Counters.Rejected);
        Assert.True(projector.State.Incidents[lateIncident].DeadlineMissed);
        Assert.False(projector.State.Incidents[laterIncident].DeadlineMissed);
        Assert.True(projector.State.Tickets[ticket].DeadlineMissed);
        var departments = projector.State.Whistles[whistle].Departments;
        Assert.Equal(ReportStatus.Reported, departments.Single(d => d.Department == "chengguan").Status);
        Assert.Equal(ReportStatus.Late, departments.Single(d => d.Department == "market").Status);
    }

    [Fact]
    public async Task ScanOnceAsync_NewLeaderRepeatsAMissNotYetProjected_ReducerDropsItAsDuplicate()
    {
        var start = ProjectionBed.Start;
        var incident = Guid.NewGuid();
        await _bed.AppendAsync([EnvelopeWriter.ToFields(
            new IncidentReported(incident, Scenario.Grid, "garbage", 2, "垃圾", DueAt: start.AddHours(1)), Scenario.Street, "test", start)]);
        var projector = _bed.NewProjector();
        await ProjectionBed.DrainAsync(projector);
        _bed.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await NewWatcher(projector).ScanOnceAsync());
        Assert.Equal(1, await NewWatcher(projector).ScanOnceAsync());
        await ProjectionBed.DrainAsync(projector);

        Assert.True(projector.State.Incidents[incident].DeadlineMissed);
        Assert.Equal(1, projector.Counters.Duplicates);
        Assert.Equal(0, projector.Counters.Rejected);
    }
}
