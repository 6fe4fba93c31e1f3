using System.Text.Json;

namespace CommandCenter.Core.Geography;

/// <summary>
/// The district's approximate geography shipped in this assembly (<c>Geography/geography.json</c>, WGS-84): a coarse
/// outline, each street office's location and the community names public sources give, each with its source.
/// </summary>
public sealed record GeographyData(
    string Note, string Datum, GeographyData.OutlineData Outline, IReadOnlyList<GeographyData.Office> Offices,
    IReadOnlyList<GeographyData.CommunityNames> Communities, IReadOnlyList<string> OtherDistricts)
{
    /// <param name="Ring">Closed ring of [longitude, latitude] pairs.</param>
    public sealed record OutlineData(string Source, IReadOnlyList<double[]> Ring);

    /// <summary>A street office's location in decimal degrees, and where the figure comes from.</summary>
    public sealed record Office(string Street, double Lat, double Long, string Source);

    public sealed record CommunityNames(string Street, string Source, IReadOnlyList<string> Names);

    private static readonly Lazy<GeographyData> Embedded = new(() =>
    {
        using var stream = typeof(GeographyData).Assembly.GetManifestResourceStream("CommandCenter.Core.Geography.geography.json")
            ?? throw new InvalidOperationException("geography.json is not embedded in CommandCenter.Core");
        return JsonSerializer.Deserialize<GeographyData>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("geography.json is empty");
    });

    /// <summary>Gulou's approximate geography, from the data file shipped in this assembly.</summary>
    public static GeographyData Gulou => Embedded.Value;
}
