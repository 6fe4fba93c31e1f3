using System.Text.RegularExpressions;

namespace CommandCenter.Core.Text;

/// <summary>
/// Personal numbers written inside free text (a ticket's content, an incident's description, a whistle's title),
/// masked wherever the text leaves the handling console: the walls, kiosks, exports and the Open311 API.
/// Phone numbers as <see cref="PhoneNumbers"/> recognises them; resident identity card numbers (居民身份证号码) of
/// 18 characters (GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence, check digit 0–9 or X) or the
/// older 15 digits (6-digit region, 6-digit birth date, 3-digit sequence), which keep their first 4 and last 4
/// characters (<c>3201**********123X</c>).
/// </summary>
public static partial class PersonalNumbers
{
    /// <summary><paramref name="text"/> with every identity card and phone number masked; null stays null.</summary>
    public static string Mask(string text) => PhoneNumbers.MaskIn(IdCard().Replace(text, m =>
        m.Value[..4] + new string('*', m.Value.Length - 8) + m.Value[^4..]));

    /// <inheritdoc cref="Mask(string)"/>
    public static string? MaskOrNull(string? text) => text is null ? null : Mask(text);

    [GeneratedRegex(@"(?<!\d)(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![\dXx])",
        RegexOptions.CultureInvariant)]
    private static partial Regex IdCard();
}
