using CommandCenter.Core.Reference;
using CommandCenter.Web.Open311;

namespace CommandCenter.Web.Localization;

/// <summary>
/// The district's reference names (streets, bodies, departments, teams, ticket categories) in the current request's
/// or circuit's language: the reference data carries both, so consoles pick one rather than stacking them.
/// Communities and grids have Chinese names only; they stay as they are, like any other data.
/// </summary>
public static class ReferenceNames
{
    private static bool English => Cultures.Current.IsEnglish();

    public static string Local(this Street street) => English ? street.NameEn : street.Name;

    public static string Local(this Body body) => English ? body.NameEn : body.Name;

    public static string Local(this Department department) => English ? department.NameEn : department.Name;

    public static string Local(this TeamInfo team) => English ? team.NameEn : team.Name;

    /// <summary>A ticket category as the hotline names it, or its Open311 service's English name when there is one.</summary>
    public static string Category(string category) =>
        English && Open311Services.OfCategory(category) is { Code: not Open311Services.Other } service ? service.NameEn : category;
}
