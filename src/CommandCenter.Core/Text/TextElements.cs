using System.Globalization;

namespace CommandCenter.Core.Text;

/// <summary>
/// Cuts of user text that fall on text-element boundaries (Unicode extended grapheme clusters, UAX #29, as
/// <see cref="StringInfo"/> finds them): an emoji with its modifiers, a CJK character outside the basic plane (a
/// surrogate pair), a letter with its combining marks are never split, so a cut never shows a broken character (U+FFFD).
/// </summary>
public static class TextElements
{
    public const string Ellipsis = "…";

    /// <summary>
    /// At most <paramref name="maxElements"/> text elements of <paramref name="text"/>; when it is longer, the first
    /// <c>maxElements - 1</c> elements and "…" (so the result is never longer than asked). Line breaks become spaces
    /// when <paramref name="oneLine"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxElements"/> is below 1.</exception>
    public static string Clip(string text, int maxElements, bool oneLine = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxElements, 1);
        if (oneLine) text = text.ReplaceLineEndings(" ");
        // Cheap exit: a string of at most maxElements UTF-16 units has at most that many elements.
        if (text.Length <= maxElements) return text;
        var end = 0;
        for (var count = 0; end < text.Length; count++)
        {
            if (count == maxElements - 1)
            {
                var rest = text.AsSpan(end);
                // Exactly one element left: the whole text fits.
                return StringInfo.GetNextTextElementLength(rest) == rest.Length ? text : text[..end] + Ellipsis;
            }
            end += StringInfo.GetNextTextElementLength(text.AsSpan(end));
        }
        return text;
    }

    /// <summary>
    /// The longest prefix of <paramref name="text"/> of at most <paramref name="maxUnits"/> UTF-16 code units that ends
    /// on a text-element boundary, with "…" after it when anything was cut (the result is then at most
    /// <c>maxUnits + 1</c> units). For limits counted in storage units rather than in what a reader sees.
    /// </summary>
    public static string ClipUnits(string text, int maxUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxUnits);
        if (text.Length <= maxUnits) return text;
        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(end));
            if (end + next > maxUnits) break;
            end += next;
        }
        return text[..end] + Ellipsis;
    }

    /// <summary>The number of text elements (what a reader counts as characters).</summary>
    public static int Count(string text) => new StringInfo(text).LengthInTextElements;
}
