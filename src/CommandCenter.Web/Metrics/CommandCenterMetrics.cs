using System.Diagnostics.Metrics;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Metrics;

/// <summary>
/// The command center's own instruments, on the meter <see cref="MeterName"/>, exported for Prometheus at
/// <c>/metrics</c> (OpenTelemetry; names there get <c>_total</c> and unit suffixes). The list, with units, is in
/// deploy/README.md ("Metrics"). Counters of events are the database's totals as this instance last read or committed
/// them (the leader's are current); lags are this instance's own measurements.
/// </summary>
public sealed class CommandCenterMetrics
{
    public const string MeterName = "CommandCenter";

    // Static, like the framework's own histograms: it holds no callback into any service, so it outlives none.
    private static readonly Meter StaticMeter = new(MeterName);

    /// <summary>How long one rebuild of the shared wall view takes (the wall's render path, once for every screen).</summary>
    private static readonly Histogram<double> WallBuild = StaticMeter.CreateHistogram(
        "cc.wall.build.duration", unit: "s", description: "Time to build the shared wall view once (KPIs, ranking, loop, ticker) for every wall screen",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1] });

    private long _circuits;
    private long _hubConnections;

    /// <param name="meters">The host's meter factory: the observable instruments die with this host's services.</param>
    /// <param name="streets">The streets' pipelines under streams per street (docs/decisions/0014), else null.</param>
    public CommandCenterMetrics(IMeterFactory meters, ProjectorStatus projector, ProjectionLagMonitor lag, LiveState live,
        Infrastructure.Redis.StreetPipelines? streets = null)
    {
        var meter = meters.Create(MeterName);
        if (streets is not null)
        {
            // The district-wide lag and leader above are the worst street's and "any street"; these say which street.
            meter.CreateObservableGauge("cc.projector.street.lag", () => streets.All.Select(p =>
                    new Measurement<double>(p.Lag.Current.Lag.TotalSeconds, new KeyValuePair<string, object?>("stream", p.Stream.Name))), "s",
                "Per street's stream: how long its oldest entry not yet in the database has waited");
            meter.CreateObservableGauge("cc.projector.street.leader", () => streets.All.Select(p =>
                    new Measurement<int>(p.Status.Current.IsLeader ? 1 : 0, new KeyValuePair<string, object?>("stream", p.Stream.Name))), "{instance}",
                "Per street's stream: 1 on the instance that holds that street's projector lease");
        }
        meter.CreateObservableCounter("cc.events.applied", () => projector.AppliedCount, "{event}",
            "Events the reducer applied, as committed to the database");
        meter.CreateObservableCounter("cc.events.rejected", () => projector.RejectedCount, "{event}",
            "Events the reducer rejected (invalid transitions, unknown items), as committed");
        meter.CreateObservableCounter("cc.events.duplicates", () => projector.DuplicateCount, "{event}",
            "Copies of envelopes already seen (idempotency window), as committed");
        meter.CreateObservableCounter("cc.events.dead_lettered", () => projector.DeadLettered, "{event}",
            "Log entries set aside to the dead-letter log, as committed");
        meter.CreateObservableGauge("cc.projector.leader", () => projector.IsLeader ? 1 : 0, "{instance}",
            "1 on the instance that holds the projector lease");
        meter.CreateObservableGauge("cc.projector.lag", () => lag.Current.Lag.TotalSeconds, "s",
            "How long the oldest log entry not yet in the database has waited");
        meter.CreateObservableGauge<double>("cc.live.tail.lag", () => live.TailLag is { } tail ? [new Measurement<double>(Math.Max(0, tail.TotalSeconds))] : [],
            "s", "Age of the newest event this instance's live state applied (occurredAt to now)");
        meter.CreateObservableUpDownCounter("cc.circuits.active", () => Interlocked.Read(ref _circuits), "{circuit}",
            "Blazor circuits (wall screens and consoles) open on this instance");
        meter.CreateObservableUpDownCounter("cc.hub.connections", () => Interlocked.Read(ref _hubConnections), "{connection}",
            "Connections to the live hub /hubs/live on this instance");
    }

    public static void WallBuilt(TimeSpan took) => WallBuild.Record(took.TotalSeconds);

    internal void CircuitOpened() => Interlocked.Increment(ref _circuits);
    internal void CircuitClosed() => Interlocked.Decrement(ref _circuits);
    internal void HubConnected() => Interlocked.Increment(ref _hubConnections);
    internal void HubDisconnected() => Interlocked.Decrement(ref _hubConnections);
}
