using System.Globalization;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Wall;

/// <summary>The wall's two languages, the two cultures of the app (<see cref="Cultures"/>): zh-CN by default, en-US by switch.</summary>
public enum WallLanguage { ZhCn, EnUs }

/// <summary>
/// A data text known in both languages (street names, event labels); views shared by every circuit carry both so each
/// circuit picks its own without rebuilding. Fixed UI wording comes from the resource files (<see cref="UiText"/>).
/// </summary>
public readonly record struct Bilingual(string Zh, string En)
{
    public string For(WallLanguage language) => language == WallLanguage.EnUs ? En : Zh;

    /// <summary>The text in the language of the current request or circuit.</summary>
    public string Local => For(WallLanguages.Current);

    public static Bilingual Same(string text) => new(text, text);
}

public static class WallLanguages
{
    public static string Code(this WallLanguage language) => language == WallLanguage.EnUs ? "en-US" : "zh-CN";

    public static WallLanguage Other(this WallLanguage language) => language == WallLanguage.EnUs ? WallLanguage.ZhCn : WallLanguage.EnUs;

    /// <summary>The language of the current request or circuit (the request's culture: <c>?lang=</c> or the culture cookie).</summary>
    public static WallLanguage Current => Cultures.Current.IsEnglish() ? WallLanguage.EnUs : WallLanguage.ZhCn;

    public static CultureInfo Culture(this WallLanguage language) => language == WallLanguage.EnUs ? Cultures.English : Cultures.Chinese;

    /// <summary>
    /// The wall's fixed wording from the app's resource files (<see cref="UiText"/>), keyed by its Chinese, in the
    /// cascaded language: the wall's small components take it as a value rather than each injecting a localizer.
    /// </summary>
    public static string T(this WallLanguage language, string zh) => UiText.Get(zh, language.Culture());
}
