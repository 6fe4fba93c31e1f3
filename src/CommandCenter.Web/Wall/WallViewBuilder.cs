using System.Collections.Immutable;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Wall;

/// <summary>Turns a live snapshot into the wall's view: pure, so every circuit can share its result.</summary>
public sealed class WallViewBuilder(DistrictModel district, EventLabels labels)
{
    /// <summary>With nothing received for this long the wall says its data is stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public WallView Build(LiveSnapshot live, DateTimeOffset now, long version) => new(
        InterimKpis.District(live.State, district, now),
        [.. InterimKpis.Streets(live.State, district, now)],
        [.. live.Recent.Select(envelope => labels.Row(envelope, live.State))],
        DistrictClock.ToLocal(now),
        live.LastReceivedAt is { } asOf ? DistrictClock.ToLocal(asOf) : null,
        IsStale(live, now),
        live.IsHydrated,
        version);

    public static bool IsStale(LiveSnapshot live, DateTimeOffset now) =>
        !live.IsHydrated || live.LastReceivedAt is not { } received || now - received > StaleAfter;
}
