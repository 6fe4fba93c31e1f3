using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Infrastructure.Tests.Simulation;

public sealed class SimulatorServiceTests
{
    // 10:00 in Beijing: the morning peak.
    private static readonly DateTimeOffset MorningPeak = new(2025, 6, 2, 2, 0, 0, TimeSpan.Zero);

    private static SimulatorService Create(InMemoryEventLog log, FakeTimeProvider time, double rate, int seed = 3) =>
        new(log, Options.Create(new SimulatorOptions { Enabled = true, EventsPerSecond = rate, Seed = seed }),
            DistrictModel.Gulou, time, NullLogger<SimulatorService>.Instance);

    /// <summary>Advances fake time a second at a time, waiting (in wall time) for each tick's batch to land.</summary>
    private static async Task AdvanceSecondsAsync(FakeTimeProvider time, InMemoryEventLog log, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var expected = EnvelopeWriter.FormatTime(time.GetUtcNow());
            await WaitUntilAsync(() => log.LastOccurredAt == expected, $"a batch stamped {expected}");
        }
    }

    /// <summary>Ticks until the service has appended its first batch, so later seconds are counted whole.</summary>
    private static async Task WarmUpAsync(FakeTimeProvider time, InMemoryEventLog log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var initial = log.Count;
        while (log.Count == initial)
        {
            Assert.True(DateTime.UtcNow < deadline, "the simulator never appended");
            time.Advance(TimeSpan.FromMilliseconds(150));
            await Task.Delay(20);
        }
        var expected = EnvelopeWriter.FormatTime(time.GetUtcNow());
        await WaitUntilAsync(() => log.LastOccurredAt == expected, "the warm-up batch");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(5);
        }
    }

    private static List<string> Rejections(IEnumerable<LogEntry> entries) => Replay(entries).Problems;

    private static (DistrictState State, List<string> Problems) Replay(IEnumerable<LogEntry> entries)
    {
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var state = DistrictState.Empty;
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            var parsed = parser.Parse(entry.Fields);
            if (parsed.Envelope is not { } envelope)
            {
                problems.Add(parsed.Error!);
                continue;
            }
            var reduction = reducer.Apply(state, envelope);
            state = reduction.State;
            if (!reduction.IsApplied && reduction.Outcome != CommandCenter.Core.Reducing.OutcomeKind.Notice)
                problems.Add($"{envelope.Type}: {reduction.Outcome} {reduction.Reason}");
        }
        return (state, problems);
    }

    [Fact]
    public async Task ExecuteAsync_FakeTimeAdvances_AppendsAtTheConfiguredRate()
    {
        var time = new FakeTimeProvider(MorningPeak);
        var log = new InMemoryEventLog();
        using var service = Create(log, time, rate: 20);
        await service.StartAsync(CancellationToken.None);
        await WarmUpAsync(time, log);
        var before = log.Count;

        await AdvanceSecondsAsync(time, log, 60);
        await service.StopAsync(CancellationToken.None);

        var expected = 60 * 20 * DayRhythm.Multiplier(MorningPeak);
        Assert.InRange(log.Count - before, expected * 0.8, expected * 1.2);
        Assert.All(log.Entries, e => Assert.Equal("simulator", e.Fields["source"]));
        Assert.Empty(Rejections(log.Entries));
    }

    [Fact]
    public async Task ExecuteAsync_AtNight_AppendsFewerThanAtTheMorningPeak()
    {
        var night = new FakeTimeProvider(MorningPeak.AddHours(-7)); // 03:00 in Beijing
        var nightLog = new InMemoryEventLog();
        using (var service = Create(nightLog, night, rate: 50))
        {
            await service.StartAsync(CancellationToken.None);
            await WarmUpAsync(night, nightLog);
            var before = nightLog.Count;
            await AdvanceSecondsAsync(night, nightLog, 20);
            await service.StopAsync(CancellationToken.None);
            var nightCount = nightLog.Count - before;

            var expectedNight = 20 * 50 * DayRhythm.Multiplier(night.GetUtcNow());
            Assert.InRange(nightCount, expectedNight * 0.7, expectedNight * 1.3);
            Assert.True(nightCount < 20 * 50 * 0.3, $"{nightCount} events in 20 s at night");
        }
    }

    [Fact]
    public async Task ExecuteAsync_LogFailsForAWhile_RetriesTheSameBatchAndStaysValid()
    {
        var time = new FakeTimeProvider(MorningPeak);
        var log = new InMemoryEventLog();
        using var service = Create(log, time, rate: 20);
        await service.StartAsync(CancellationToken.None);
        await WarmUpAsync(time, log);
        var before = log.Count;
        log.FailAppends = 3;

        // One advance may run several ticks, so keep going until all three attempts have failed. Had the refused
        // batch been dropped, later steps of its items would be rejected below.
        while (log.FailedAppends < 3)
        {
            var failedBefore = log.FailedAppends;
            time.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => log.FailedAppends > failedBefore, "a failed append");
        }
        await AdvanceSecondsAsync(time, log, 5);
        await service.StopAsync(CancellationToken.None);

        var entries = log.Entries;
        Assert.True(entries.Count > before + 5 * 20, $"{entries.Count - before} events after the log came back");
        Assert.Equal(entries.Count, entries.Select(e => e.Fields["id"]).Distinct().Count());
        Assert.Empty(Rejections(entries));
    }

    [Fact]
    public async Task ExecuteAsync_LogHasOpenWork_TakesItOverWithoutConflicts()
    {
        // An earlier run left dispatches, whistles and tickets open in the log.
        var log = new InMemoryEventLog();
        var earlier = new DistrictSimulator(DistrictModel.Gulou, 99);
        for (var second = 1; second <= 300; second++)
            await log.AppendAsync(earlier.Next(MorningPeak.AddSeconds(second - 600), 5));
        Assert.True(earlier.ActiveItemCount > 50);
        var (leftOpen, _) = Replay(log.Entries);
        var openIncidents = leftOpen.Incidents.Values.Where(i => i.IsOpen).Select(i => i.Id).ToList();
        Assert.Contains(leftOpen.Teams.Values, t => t.ActiveDispatchId is not null);

        var time = new FakeTimeProvider(MorningPeak);
        using var service = Create(log, time, rate: 20, seed: 100);
        await service.StartAsync(CancellationToken.None);
        await WarmUpAsync(time, log);
        for (var minute = 0; minute < 60; minute++)
        {
            time.Advance(TimeSpan.FromSeconds(59));
            await AdvanceSecondsAsync(time, log, 1);
        }
        await service.StopAsync(CancellationToken.None);

        var (after, problems) = Replay(log.Entries);
        Assert.Empty(problems);
        // Carried on to their end (a few may stall for hours, as real work does).
        Assert.True(openIncidents.Count(id => !after.Incidents[id].IsOpen) > openIncidents.Count * 0.8,
            $"{openIncidents.Count(id => !after.Incidents[id].IsOpen)} of {openIncidents.Count} closed");
    }
}
