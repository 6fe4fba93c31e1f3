using System.Collections.Frozen;
using System.Text.Json;

namespace CommandCenter.Core.Reference;

/// <summary>
/// The district's reference model (docs/domain.md): streets, communities, grids, each street's 8 bodies,
/// the district departments and the enforcement teams. Immutable; loaded once from the embedded data file.
/// </summary>
public sealed class DistrictModel
{
    public DistrictInfo District { get; }
    public IReadOnlyList<Body> Bodies { get; }
    public IReadOnlyList<Department> Departments { get; }
    public IReadOnlyList<Street> Streets { get; }

    public FrozenDictionary<string, Street> StreetsByCode { get; }
    public FrozenDictionary<string, Body> BodiesByCode { get; }
    public FrozenDictionary<string, Department> DepartmentsByCode { get; }
    public FrozenDictionary<string, GridRef> Grids { get; }
    public FrozenDictionary<string, TeamRef> Teams { get; }

    private readonly FrozenDictionary<string, int> _streetIndex;

    /// <summary>A street's place in <see cref="Streets"/> (0–12 for Gulou).</summary>
    /// <exception cref="KeyNotFoundException">Not a street of the district (the parser refuses such events first).</exception>
    public int StreetIndex(string code) => _streetIndex[code];

    private DistrictModel(DistrictFile file)
    {
        District = file.District;
        Bodies = file.Bodies;
        Departments = file.Departments;
        Streets = file.Streets;
        StreetsByCode = Streets.ToFrozenDictionary(s => s.Code);
        _streetIndex = Streets.Select((street, index) => (street.Code, index)).ToFrozenDictionary(s => s.Code, s => s.index);
        BodiesByCode = Bodies.ToFrozenDictionary(b => b.Code);
        DepartmentsByCode = Departments.ToFrozenDictionary(d => d.Code);
        Grids = Streets.SelectMany(s => s.Communities.SelectMany(c => c.Grids.Select(g => new GridRef(g, c, s))))
            .ToFrozenDictionary(g => g.Grid.Id);
        Teams = Streets.SelectMany(s => s.Teams.Select(t => new TeamRef(t, s))).ToFrozenDictionary(t => t.Team.Id);
    }

    private static readonly Lazy<DistrictModel> Embedded = new(() =>
    {
        using var stream = typeof(DistrictModel).Assembly.GetManifestResourceStream("CommandCenter.Core.Reference.district.json")
            ?? throw new InvalidOperationException("district.json is not embedded in CommandCenter.Core");
        return Parse(stream);
    });

    /// <summary>Gulou, from the data file shipped in this assembly.</summary>
    public static DistrictModel Gulou => Embedded.Value;

    public static DistrictModel Parse(Stream json) =>
        new(JsonSerializer.Deserialize<DistrictFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("district data file is empty"));

    private sealed record DistrictFile(DistrictInfo District, IReadOnlyList<Body> Bodies, IReadOnlyList<Department> Departments, IReadOnlyList<Street> Streets);
}

public sealed record DistrictInfo(string Code, string Name, string NameEn);

/// <summary>One of the 8 bodies every street has ("five departments, one bureau, two centers").</summary>
public sealed record Body(string Code, string Name, string NameEn);

/// <summary>A district department that whistles summon; some hand penalty powers down to the streets.</summary>
public sealed record Department(string Code, string Name, string NameEn, int PenaltyPowers);

public sealed record Street(
    string Code, string Name, string NameEn, string DivisionCode, IReadOnlyList<string> FormerNames,
    IReadOnlyList<Community> Communities, IReadOnlyList<TeamInfo> Teams);

public sealed record Community(string Id, string Name, IReadOnlyList<Grid> Grids);

/// <summary>A grid: <c>comprehensive</c> (residential) or <c>exclusive</c> (office, business, park, school, hospital).</summary>
public sealed record Grid(string Id, string Kind, string Name, string? SubKind = null);

public sealed record TeamInfo(string Id, string Kind, string Name, string NameEn, int Officers);

public sealed record GridRef(Grid Grid, Community Community, Street Street);

public sealed record TeamRef(TeamInfo Team, Street Street);
