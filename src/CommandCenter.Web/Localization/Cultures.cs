using System.Globalization;

namespace CommandCenter.Web.Localization;

/// <summary>The two cultures of the app: zh-CN (the default) and en-US.</summary>
public static class Cultures
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static readonly string[] Supported = [Chinese.Name, English.Name];

    /// <summary>The query parameter that picks the language (<c>?lang=en-US</c>), kept from the wall's first URLs.</summary>
    public const string QueryKey = "lang";

    /// <summary>en-US for any English code (<c>en</c>, <c>en-GB</c>), zh-CN for everything else.</summary>
    public static CultureInfo Parse(string? code) =>
        code is not null && code.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese;

    /// <summary>Whether <paramref name="code"/> names one of the two languages (other values of <c>lang</c> are ignored).</summary>
    public static bool IsSupported(string? code) =>
        code is not null && Supported.Contains(code, StringComparer.OrdinalIgnoreCase);

    public static bool IsEnglish(this CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The culture of the current request or circuit.</summary>
    public static CultureInfo Current => CultureInfo.CurrentUICulture.IsEnglish() ? English : Chinese;
}
