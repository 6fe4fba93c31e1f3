using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Live;
using CommandCenter.Web.Wall;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Web.Tests.Fakes;

internal static class LiveFixtures
{
    public static LiveState LiveState(TimeProvider time, InMemoryEventLog? log = null) =>
        new(log ?? new InMemoryEventLog(), new FixedSnapshotSource(), new EnvelopeParser(DistrictModel.Gulou),
            new DistrictReducer(DistrictModel.Gulou), time, NullLogger<LiveState>.Instance);

    public static WallViewBuilder Builder() => new(DistrictModel.Gulou, new KpiCalculator(DistrictModel.Gulou), new EventLabels(DistrictModel.Gulou));

    public static WallFeed Feed(LiveState live, TimeProvider time) => new(live, Builder(), time, NullLogger<WallFeed>.Instance);

    /// <summary>A snapshot built by applying the given entries to an empty state, as the live tail would.</summary>
    public static async Task<LiveSnapshot> SnapshotOf(TimeProvider time, params IReadOnlyDictionary<string, string>[] entries)
    {
        var log = new InMemoryEventLog();
        foreach (var entry in entries) log.Append(entry);
        var live = LiveState(time, log);
        await live.HydrateAsync(default);
        await live.PollOnceAsync(default);
        return live.Current;
    }
}
