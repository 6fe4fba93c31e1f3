using CommandCenter.Core.Geography;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Geography;

/// <summary>
/// The district's geography as this instance loaded it at start: the areas that locate requests and the outlines the
/// wall draws. With a boundary file configured (<c>Wall:Map:GeoJson</c>, its datum in <c>Wall:Map:Datum</c>) both come
/// from that file's real geometry; without one, requests are located by the approximate cells and the wall draws the
/// schematic map. A file that cannot be used never stops the app and never fails a page: the approximate cells and
/// the schematic are kept and <see cref="Warning"/> says why (on <c>/healthz</c>, degraded, and in the log).
/// </summary>
public sealed record LoadedGeography(DistrictGeography Areas, StreetMapShapes Shapes, string? Warning)
{
    public const string FileKey = "Wall:Map:GeoJson";
    public const string DatumKey = "Wall:Map:Datum";

    /// <summary>Reads configuration and files; every failure becomes a <see cref="Warning"/>, never an exception.</summary>
    public static LoadedGeography Load(IConfiguration configuration, string webRoot, string contentRoot, DistrictModel district)
    {
        var schematic = StreetMapShapes.LoadSchematic(webRoot);
        if (configuration[FileKey] is not { Length: > 0 } configured)
            return new LoadedGeography(DistrictGeography.GulouApproximate, schematic, null);

        var path = Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured);
        var datumText = configuration[DatumKey];
        var datum = Datums.Parse(datumText);
        if (datumText is { Length: > 0 } && datum is null)
            return Kept(schematic, $"{DatumKey} '{datumText}' is neither WGS-84 nor GCJ-02");

        BoundaryFileResult result;
        try
        {
            using var stream = File.OpenRead(path);
            result = BoundaryFile.Read(stream, datum, district);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Kept(schematic, $"the boundary file {path} cannot be read ({ex.Message})");
        }
        if (!result.IsUsable)
            return Kept(schematic, $"the boundary file {path} was refused: {result.Problem}");

        var areas = DistrictGeography.FromBoundaries(district.District, result.Areas, Path.GetFileName(path));
        return new LoadedGeography(areas, StreetMapShapes.FromAreas(result.Areas, path), null);
    }

    private static LoadedGeography Kept(StreetMapShapes schematic, string problem) =>
        new(DistrictGeography.GulouApproximate, schematic, problem + "; the wall shows the schematic map and requests are located by the approximate street cells");
}
