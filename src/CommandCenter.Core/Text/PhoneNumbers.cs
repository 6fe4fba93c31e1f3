using System.Text.RegularExpressions;

namespace CommandCenter.Core.Text;

/// <summary>
/// Mainland China telephone numbers as people write them, and their masked form. Recognised: mobile numbers (11 digits,
/// <c>1[3-9]x</c>, written 3-4-4 or in one run), with or without the country code written <c>+86</c>, <c>0086</c>,
/// <c>86</c> or <c>(+86)</c>; landlines with a trunk-prefixed area code of 3 or 4 digits (<c>025</c>, <c>0512</c>),
/// the area code in brackets or not, a 7- or 8-digit subscriber number, and an extension (<c>-8001</c>, <c>转8001</c>,
/// <c>ext. 8001</c>, <c>分机8001</c>); a landline after <c>+86</c> drops the trunk 0 (<c>+86 25 8321 0000</c>). Area codes
/// beginning 01 or 02 have 3 digits (010 Beijing, 025 Nanjing), all others 4, so a number written in one run splits
/// right (<c>02583210000</c> is 025 + 83210000). Separators
/// are spaces, hyphens, dots and the full-width hyphen. Numbering plan: the national numbering plan of the PRC
/// (mobile 1[3-9]x prefixes, area codes 010–0999) as published by MIIT.
/// </summary>
public static partial class PhoneNumbers
{
    public const string Anonymous = "匿名";

    /// <summary>
    /// The masked form of one number (a caller field): a mobile keeps its first three and last four digits
    /// (<c>139****0001</c>) without any country code; a landline keeps its area code with the trunk 0 and the last four
    /// digits of the subscriber number (<c>025****0000</c>), then its extension (<c>025****0000-8001</c>). Empty → "匿名";
    /// anything else with digits: the first three and last four of at least 7 digits, else <c>****</c>.
    /// </summary>
    public static string Mask(string? phone)
    {
        var text = (phone ?? "").Trim();
        var match = Whole().Match(text);
        if (match.Success) return MaskMatch(match);
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length switch
        {
            0 => Anonymous,
            >= 7 => $"{digits[..3]}****{digits[^4..]}",
            _ => "****",
        };
    }

    /// <summary>Every phone number inside <paramref name="text"/> replaced by its masked form; other text untouched.</summary>
    public static string MaskIn(string text) => Anywhere().Replace(text, MaskMatch);

    /// <summary>Whether <paramref name="text"/> holds a phone number in one of the recognised forms.</summary>
    public static bool Contains(string text) => Anywhere().IsMatch(text);

    private static string MaskMatch(Match m)
    {
        if (m.Groups["mobile"].Success)
        {
            var d = Digits(m.Groups["mobile"].Value);
            return $"{d[..3]}****{d[^4..]}";
        }
        var area = Digits(m.Groups["area"].Value);
        if (!area.StartsWith('0')) area = "0" + area;
        var subscriber = Digits(m.Groups["subscriber"].Value);
        var extension = m.Groups["ext"].Success ? "-" + m.Groups["ext"].Value : "";
        return $"{area}****{subscriber[^4..]}{extension}";
    }

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    // Shared shape. Country code: +86 / 0086 / 86 / (+86) with an optional separator. A mobile follows it directly;
    // a landline after a country code drops its trunk 0.
    private const string Sep = @"[ \-.－]?";
    private const string Country = @"(?:\(?(?:\+|00)?86\)?" + Sep + ")";
    private const string Mobile = @"(?<mobile>1[3-9]\d" + Sep + @"\d{4}" + Sep + @"\d{4})";
    private const string Extension = @"(?:" + Sep + @"(?:转|分机|ext\.?|x|-)" + Sep + @"(?<ext>\d{1,6}))?";
    private const string Landline =
        @"(?:(?:" + Country + @"(?<area>[12]\d|[3-9]\d{2}))|(?<area>\(0[12]\d\)|\(0[3-9]\d{2}\)|0[12]\d|0[3-9]\d{2}))" + Sep
        + @"(?<subscriber>[2-9]\d{2,3}" + Sep + @"\d{4})" + Extension;
    private const string Number = "(?:" + Country + "?" + Mobile + "|" + Landline + ")";

    [GeneratedRegex(@"(?<![\d+])" + Number + @"(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anywhere();

    [GeneratedRegex(@"^" + Number + @"$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Whole();
}
