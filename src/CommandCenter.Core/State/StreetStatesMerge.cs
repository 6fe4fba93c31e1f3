using System.Collections.Immutable;

namespace CommandCenter.Core.State;

/// <summary>
/// The district's state as the union of its streets' states (docs/decisions/0014, streams per street): each street's
/// stream is reduced on its own, and what the screens read is one <see cref="DistrictState"/> holding every street's
/// entities, open indexes and rollups. The streets' entities are disjoint (the reducer only touches entities of the
/// envelope's street), so a union loses nothing; rollups are sums per street, so they add.
/// <para>
/// <see cref="Replace"/> swaps one street's old state for its new one in the union, at a cost in that street's hot
/// items (unchanged items are the same objects and are passed over), never in the district's.
/// </para>
/// </summary>
public static class StreetStatesMerge
{
    /// <summary>
    /// <paramref name="merged"/> with <paramref name="before"/> (one street's state as the union holds it) replaced by
    /// <paramref name="after"/>; the rollups are summed again from <paramref name="allAfter"/> (every street's state now).
    /// The union's idempotency window is empty: windows are per stream, and a union of them decides nothing.
    /// </summary>
    public static DistrictState Replace(DistrictState merged, DistrictState before, DistrictState after, IReadOnlyList<DistrictState> allAfter)
    {
        if (ReferenceEquals(before, after))
            return merged;
        return merged with
        {
            Incidents = Swap(merged.Incidents, before.Incidents, after.Incidents),
            Tickets = Swap(merged.Tickets, before.Tickets, after.Tickets),
            Whistles = Swap(merged.Whistles, before.Whistles, after.Whistles),
            Dispatches = Swap(merged.Dispatches, before.Dispatches, after.Dispatches),
            Teams = Swap(merged.Teams, before.Teams, after.Teams),
            OpenIncidents = Swap(merged.OpenIncidents, before.OpenIncidents, after.OpenIncidents),
            OpenTickets = Swap(merged.OpenTickets, before.OpenTickets, after.OpenTickets),
            AppliedCount = merged.AppliedCount - before.AppliedCount + after.AppliedCount,
            Rollups = ReferenceEquals(before.Rollups, after.Rollups) ? merged.Rollups : Sum(allAfter.Select(s => s.Rollups)),
            Recent = RecentIds.Empty,
            Rules = allAfter.Count == 0 ? after.Rules : allAfter.Min(s => s.Rules),
        };
    }

    /// <summary>The union of <paramref name="streets"/>, built from nothing (hydration).</summary>
    public static DistrictState Union(IReadOnlyList<DistrictState> streets)
    {
        var merged = DistrictState.Empty;
        var done = new List<DistrictState>();
        foreach (var street in streets)
        {
            done.Add(street);
            merged = Replace(merged, DistrictState.Empty, street, done);
        }
        return merged with { Rollups = Sum(streets.Select(s => s.Rollups)), Rules = streets.Count == 0 ? 1 : streets.Min(s => s.Rules) };
    }

    /// <summary>Day by day, street by street, category by category and hour by hour, the sum of the rollups.</summary>
    public static DistrictRollups Sum(IEnumerable<DistrictRollups> all)
    {
        var days = ImmutableSortedDictionary.CreateBuilder<DateOnly, DayRollup>();
        foreach (var rollups in all)
        {
            foreach (var (day, rollup) in rollups.Days)
                days[day] = days.TryGetValue(day, out var sum) ? Add(sum, rollup) : rollup;
        }
        return new DistrictRollups(days.ToImmutable());
    }

    private static DayRollup Add(DayRollup a, DayRollup b)
    {
        var categories = a.TicketCategories;
        foreach (var (category, counts) in b.TicketCategories)
            categories = categories.SetItem(category, categories.TryGetValue(category, out var existing)
                ? [.. existing.Zip(counts, (x, y) => x + y)]
                : counts);
        return new DayRollup(
            [.. a.Streets.Zip(b.Streets, (x, y) => x + y)],
            categories,
            [.. a.Hours.Zip(b.Hours, (x, y) => new HourCounts(x.IncidentsReported + y.IncidentsReported, x.TicketsReceived + y.TicketsReceived,
                x.TicketsClosed + y.TicketsClosed))]);
    }

    private static ImmutableDictionary<TKey, TValue> Swap<TKey, TValue>(ImmutableDictionary<TKey, TValue> merged,
        ImmutableDictionary<TKey, TValue> before, ImmutableDictionary<TKey, TValue> after) where TKey : notnull where TValue : class
    {
        if (ReferenceEquals(before, after))
            return merged;
        var builder = merged.ToBuilder();
        foreach (var key in before.Keys)
        {
            if (!after.ContainsKey(key))
                builder.Remove(key);
        }
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old) || !ReferenceEquals(old, value))
                builder[key] = value;
        }
        return builder.ToImmutable();
    }

    private static ImmutableHashSet<T> Swap<T>(ImmutableHashSet<T> merged, ImmutableHashSet<T> before, ImmutableHashSet<T> after)
    {
        if (ReferenceEquals(before, after))
            return merged;
        var builder = merged.ToBuilder();
        builder.ExceptWith(before.Except(after));
        builder.UnionWith(after.Except(before));
        return builder.ToImmutable();
    }
}
