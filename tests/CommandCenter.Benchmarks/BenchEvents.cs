using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>Valid, realistic district events from the simulator, as stream entries ready for XADD.</summary>
internal static class BenchEvents
{
    public static List<NameValueEntry[]> Generate(int count, int seed = 20261127)
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, seed);
        var now = DateTimeOffset.UtcNow;
        var entries = new List<NameValueEntry[]>(count);
        while (entries.Count < count)
        {
            // A simulated second per thousand events keeps lifecycles advancing as they would live.
            foreach (var fields in simulator.Next(now, Math.Min(1000, count - entries.Count)))
                entries.Add([.. fields.Select(f => new NameValueEntry(f.Key, f.Value))]);
            now = now.AddSeconds(1);
        }
        return entries;
    }
}
