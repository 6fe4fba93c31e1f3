using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.Deadlines;

/// <summary>A missed report-in escalates the whistle: work-advance → tough-problem → district, and no further.</summary>
public sealed class WhistleEscalationTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;
    private readonly Guid _whistle = Guid.NewGuid();

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private DeadlineWatcher NewWatcher(Projector projector, WhistleOptions? whistles = null) =>
        new(projector, _bed.Log, new LocalLease(), _bed.Time, Options.Create(new DeadlineWatcherOptions()),
            Options.Create(whistles ?? new WhistleOptions()), NullLogger<DeadlineWatcher>.Instance);

    /// <summary>A work-advance whistle summoning chengguan (reports in at once) and market (never does).</summary>
    private async Task<Projector> BlownAsync(TimeSpan reportIn)
    {
        var start = ProjectionBed.Start;
        await _bed.AppendAsync(
        [
            EnvelopeWriter.ToFields(new WhistleBlown(_whistle, WhistleLevel.WorkAdvance, "加装电梯", ["chengguan", "market"], start + reportIn), Scenario.Street, "test", start),
            EnvelopeWriter.ToFields(new WhistleDepartmentReported(_whistle, "chengguan"), Scenario.Street, "test", start.AddMinutes(5)),
        ]);
        var projector = _bed.NewProjector();
        await ProjectionBed.DrainAsync(projector);
        return projector;
    }

    private async Task<List<Dictionary<string, string>>> AppendedSinceAsync(int skip) =>
        [.. (await _bed.Log.ReadAfterAsync(LogPosition.Start, 1000)).Skip(skip).Select(e => e.Fields.ToDictionary())];

    [Fact]
    public async Task ScanOnceAsync_ReportInMissedAtEveryLevel_EscalatesToToughProblemThenDistrictThenStops()
    {
        var projector = await BlownAsync(TimeSpan.FromHours(2));
        var watcher = NewWatcher(projector);

        _bed.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, await watcher.ScanOnceAsync());
        await ProjectionBed.DrainAsync(projector);
        var tough = projector.State.Whistles[_whistle];
        Assert.Equal(WhistleLevel.ToughProblem, tough.Level);
        Assert.Equal(_bed.Time.GetUtcNow() + TimeSpan.FromHours(1), tough.ReportDueAt);
        Assert.Equal(ReportStatus.Late, tough.Departments.Single(d => d.Department == "market").Status);

        _bed.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await watcher.ScanOnceAsync());
        await ProjectionBed.DrainAsync(projector);
        var district = projector.State.Whistles[_whistle];
        Assert.Equal(WhistleLevel.District, district.Level);
        Assert.Equal(_bed.Time.GetUtcNow() + TimeSpan.FromMinutes(30), district.ReportDueAt);

        _bed.Time.Advance(TimeSpan.FromMinutes(30));
        var atTheTop = await watcher.ScanOnceAsync();
        await ProjectionBed.DrainAsync(projector);
        _bed.Time.Advance(TimeSpan.FromHours(5));
        var later = await watcher.ScanOnceAsync();

        Assert.Equal(1, atTheTop); // the miss only: district is the top level
        Assert.Equal(0, later);
        Assert.Equal(WhistleLevel.District, projector.State.Whistles[_whistle].Level);
        Assert.Equal(0, projector.Counters.Rejected);
        var types = (await AppendedSinceAsync(2)).Select(f => (f[EnvelopeFields.Type], f[EnvelopeFields.Source])).ToList();
        Assert.Equal(
        [
            (EventTypes.DeadlineMissed, DeadlineWatcher.Source), (EventTypes.WhistleEscalated, DeadlineWatcher.Source),
            (EventTypes.DeadlineMissed, DeadlineWatcher.Source), (EventTypes.WhistleEscalated, DeadlineWatcher.Source),
            (EventTypes.DeadlineMissed, DeadlineWatcher.Source),
        ], types);
    }

    [Fact]
    public async Task ScanOnceAsync_ConfiguredReportInTimes_SetTheEscalatedDeadline()
    {
        var whistles = new WhistleOptions { ReportIn = { WorkAdvance = TimeSpan.FromHours(3), ToughProblem = TimeSpan.FromMinutes(45) } };
        var projector = await BlownAsync(whistles.ReportInFor(WhistleLevel.WorkAdvance));

        _bed.Time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        var beforeDue = await NewWatcher(projector, whistles).ScanOnceAsync();
        _bed.Time.Advance(TimeSpan.FromSeconds(1));
        var atDue = await NewWatcher(projector, whistles).ScanOnceAsync();
        await ProjectionBed.DrainAsync(projector);

        Assert.Equal(0, beforeDue);
        Assert.Equal(2, atDue);
        Assert.Equal(_bed.Time.GetUtcNow() + TimeSpan.FromMinutes(45), projector.State.Whistles[_whistle].ReportDueAt);
    }

    [Fact]
    public async Task ScanOnceAsync_NewLeaderRepeatsAnEscalationNotYetProjected_ReducerDropsItAsDuplicate()
    {
        var projector = await BlownAsync(TimeSpan.FromHours(2));
        _bed.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(2, await NewWatcher(projector).ScanOnceAsync());
        _bed.Time.Advance(TimeSpan.FromSeconds(10)); // the new leader scans a little later: same ids all the same
        Assert.Equal(2, await NewWatcher(projector).ScanOnceAsync());
        await ProjectionBed.DrainAsync(projector);

        Assert.Equal(WhistleLevel.ToughProblem, projector.State.Whistles[_whistle].Level);
        Assert.Equal(2, projector.Counters.Duplicates);
        Assert.Equal(0, projector.Counters.Rejected);
    }

    [Fact]
    public async Task ScanOnceAsync_EveryDepartmentReportedLate_MissesButNoEscalationAfterwards()
    {
        var projector = await BlownAsync(TimeSpan.FromHours(2));
        var watcher = NewWatcher(projector);
        _bed.Time.Advance(TimeSpan.FromHours(2));
        await watcher.ScanOnceAsync();
        await ProjectionBed.DrainAsync(projector);
        await _bed.AppendAsync([EnvelopeWriter.ToFields(new WhistleDepartmentReported(_whistle, "market", "迟到报到"), Scenario.Street, "test", _bed.Time.GetUtcNow())]);
        await ProjectionBed.DrainAsync(projector);

        _bed.Time.Advance(TimeSpan.FromHours(2));
        var afterAllReported = await watcher.ScanOnceAsync();

        Assert.Equal(0, afterAllReported);
        var market = projector.State.Whistles[_whistle].Departments.Single(d => d.Department == "market");
        Assert.True(market.ReportedLate);
        Assert.Equal(ReportStatus.Reported, market.Status);
    }

    [Fact]
    public void Problem_NonPositiveReportInTime_NamesTheKey()
    {
        var options = new WhistleOptions { ReportIn = { District = TimeSpan.Zero } };

        Assert.Equal("Whistles:ReportIn:District must be positive", options.Problem());
        Assert.Null(new WhistleOptions().Problem());
    }

    [Fact]
    public void AddCommandCenterInfrastructure_WhistlesSection_BindsReportInTimesPerLevel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Whistles:ReportIn:WorkAdvance"] = "03:00:00",
            ["Whistles:ReportIn:District"] = "00:20:00",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCommandCenterInfrastructure(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<WhistleOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(3), options.ReportInFor(WhistleLevel.WorkAdvance));
        Assert.Equal(TimeSpan.FromHours(1), options.ReportInFor(WhistleLevel.ToughProblem)); // the default
        Assert.Equal(TimeSpan.FromMinutes(20), options.ReportInFor(WhistleLevel.District));
    }

    [Fact]
    public void AddCommandCenterInfrastructure_NonPositiveReportIn_FailsValidation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Whistles:ReportIn:ToughProblem"] = "00:00:00",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCommandCenterInfrastructure(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WhistleOptions>>().Value);

        Assert.Contains("Whistles:ReportIn:ToughProblem must be positive", failure.Message);
    }
}
