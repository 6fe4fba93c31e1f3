using System.Text;

namespace CommandCenter.Web.Api;

/// <summary>
/// Every export the app serves is written here: RFC 4180 CSV (every field quoted, quotes doubled, records ended by CRLF),
/// UTF-8 with a byte-order mark so the spreadsheet programs on zh-CN desktops (Excel, WPS) open the Chinese intact, sent
/// as an attachment. A field a spreadsheet would read as a formula — one that starts, possibly after blanks (space, tab,
/// CR, LF, the ideographic space), with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> or their full-width forms, or that starts
/// with a tab or CR at all — is prefixed with an apostrophe, so text from events is never run (OWASP "CSV injection").
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The file's bytes: the BOM, the header, then one record per row.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        Record(text, header);
        foreach (var row in rows)
            Record(text, row);
        return [.. Bom, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The export as an attachment named <paramref name="fileName"/>.</summary>
    public static IResult File(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        Results.File(Write(header, rows), ContentType, fileName);

    private static void Record(StringBuilder text, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append('"').Append(Neutralized(fields[i] ?? "").Replace("\"", "\"\"")).Append('"');
        }
        text.Append("\r\n");
    }

    /// <summary>The field as a spreadsheet will show it as text, never run it.</summary>
    public static string Neutralized(string field) => ReadsAsFormula(field) ? "'" + field : field;

    private static bool ReadsAsFormula(string field)
    {
        if (field.Length == 0) return false;
        if (field[0] is '\t' or '\r') return true;
        foreach (var c in field)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\u3000' or '\u00A0') continue;
            return c is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠';
        }
        return false;
    }
}
