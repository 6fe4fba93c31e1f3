using System.Globalization;
using System.Resources;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Localization;

/// <summary>
/// The app's fixed UI wording: <c>UiText.resx</c> (the neutral resources, zh-CN, the default) and
/// <c>UiText.en-US.resx</c>. Pages read it through <c>IStringLocalizer&lt;UiText&gt;</c>; the key is the Chinese text
/// itself (the framework's convention of keying by the default language), so a page reads as it renders by default;
/// where one Chinese word needs two English ones, the key adds a context after <c>#</c> (<c>吹哨#action</c>: "Blow a
/// whistle", beside <c>吹哨</c>: "whistle"), and its Chinese value is the word alone.
/// Data texts (street names, event labels) are not here: views carry them as <see cref="Bilingual"/>.
/// </summary>
public sealed class UiText
{
    /// <summary>The same resources <c>IStringLocalizer&lt;UiText&gt;</c> reads, for code with an explicit culture.</summary>
    internal static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>; the key itself when there is none (the key-parity test keeps that from happening).</summary>
    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    /// <summary>The text of <paramref name="key"/> in the current request's or circuit's culture, formatted with <paramref name="args"/>.</summary>
    public static string Local(string key, params object?[] args) =>
        string.Format(Cultures.Current, Get(key, Cultures.Current), args);

    /// <summary>
    /// Both languages of a fixed word, for code that hands words to views shared by circuits of either language
    /// (rejections, stages, statuses): the words come from the resource files, the shape stays <see cref="Bilingual"/>.
    /// </summary>
    public static Bilingual Both(string key) => new(Get(key, Cultures.Chinese), Get(key, Cultures.English));
}
