using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Geography;

/// <summary>One name the gazetteer knows, the street it places an address in, and where the name comes from.</summary>
/// <param name="Strong">A full name (…街道, …社区, a former street name): it names the place itself, not a road.</param>
public sealed record PlaceName(string Name, string Street, string Source, bool Strong);

/// <summary>
/// Places a free-text address (<c>address_string</c>) in a street by the names it contains: street names (宁海路街道,
/// and bare, 宁海路; former names such as 下关), and community names where public sources give them
/// (<see cref="GeographyData.Communities"/>, each with its source; the reference model's own community names are
/// placeholders and are not used). A full name (…街道, …社区) outranks a bare one; a bare community name counts only
/// when it is not a road's name (…路, …街, …巷), since a road runs through several streets. Among names of the same
/// rank the longest wins; two different streets at the same rank and length are ambiguous and refused. An address
/// that names another district of Nanjing is outside the district.
/// </summary>
public sealed class Gazetteer
{
    private readonly DistrictModel _district;
    private readonly IReadOnlyList<PlaceName> _names;
    private readonly IReadOnlyList<string> _otherDistricts;

    public Gazetteer(DistrictModel district, GeographyData data)
    {
        _district = district;
        var names = new List<PlaceName>();
        foreach (var street in district.Streets)
        {
            foreach (var name in street.FormerNames.Prepend(street.Name))
            {
                names.Add(new PlaceName(name, street.Code, "reference model", Strong: true));
                if (Bare(name, "街道") is { } bare) names.Add(new PlaceName(bare, street.Code, "reference model", Strong: false));
            }
        }
        foreach (var group in data.Communities)
        foreach (var name in group.Names)
        {
            names.Add(new PlaceName(name, group.Street, group.Source, Strong: true));
            if (Bare(name, "社区") is { } bare && !bare.EndsWith('路') && !bare.EndsWith('街') && !bare.EndsWith('巷'))
                names.Add(new PlaceName(bare, group.Street, group.Source, Strong: false));
        }
        _names = names;
        _otherDistricts = data.OtherDistricts;
    }

    public IReadOnlyList<PlaceName> Names => _names;

    /// <summary>The street <paramref name="address"/> lies in, or why it cannot be placed (words for the caller).</summary>
    public Located Resolve(string address)
    {
        var text = address.Trim();
        if (_otherDistricts.FirstOrDefault(d => text.Contains(d, StringComparison.Ordinal)) is { } other)
            return new Located(null, $"address_string '{address}' names {other}, which is outside {_district.District.Name}");
        var hits = _names.Where(n => text.Contains(n.Name, StringComparison.Ordinal)).ToList();
        if (hits.Count == 0)
            return new Located(null, $"address_string '{address}' names no street or community of {_district.District.Name} that this server knows; send lat and long, or attribute[street]");
        var best = hits.OrderByDescending(h => h.Strong).ThenByDescending(h => h.Name.Length).First();
        var rivals = hits.Where(h => h.Strong == best.Strong && h.Name.Length == best.Name.Length).Select(h => h.Street).Distinct().ToList();
        if (rivals.Count > 1)
            return new Located(null, $"address_string '{address}' could be in {string.Join(" or ", rivals.Select(r => _district.StreetsByCode[r].Name))}; send lat and long, or attribute[street]");
        return new Located(best.Street, null);
    }

    private static string? Bare(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length + 1 ? name[..^suffix.Length] : null;

    private static readonly Lazy<Gazetteer> Default = new(() => new Gazetteer(DistrictModel.Gulou, GeographyData.Gulou));

    public static Gazetteer Gulou => Default.Value;
}
