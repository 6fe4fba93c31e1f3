using System.Collections.Immutable;

namespace CommandCenter.Core.Kpis;

/// <summary>One street's numbers, with its code.</summary>
public sealed record StreetKpis(string Street, KpiSet Kpis);

/// <summary>
/// The KPIs of the whole district and of each of its streets (every street of the model, in model order,
/// present even when all zero), computed at <see cref="Now"/> for the China-time day starting at <see cref="DayStart"/>.
/// </summary>
public sealed record DistrictKpis(DateTimeOffset Now, DateTimeOffset DayStart, KpiSet District, ImmutableArray<StreetKpis> Streets)
{
    /// <summary>The street's numbers; throws for a code the model does not know.</summary>
    public KpiSet ForStreet(string street)
    {
        foreach (var entry in Streets)
        {
            if (entry.Street == street)
                return entry.Kpis;
        }
        throw new KeyNotFoundException($"no KPIs for street '{street}'");
    }

    public bool Equals(DistrictKpis? other) =>
        other is not null && Now == other.Now && DayStart == other.DayStart && District == other.District
        && Streets.AsSpan().SequenceEqual(other.Streets.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Now, DayStart, District, Streets.Length);
}
