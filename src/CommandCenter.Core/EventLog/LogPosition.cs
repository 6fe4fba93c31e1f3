using System.Globalization;

namespace CommandCenter.Core.EventLog;

/// <summary>
/// A position in the log, in Redis stream id form <c>ms-seq</c>. The embedded log uses <c>0-{row}</c>,
/// so positions compare the same way in every adapter.
/// </summary>
public readonly record struct LogPosition(ulong Milliseconds, ulong Sequence) : IComparable<LogPosition>
{
    /// <summary>Before every entry.</summary>
    public static readonly LogPosition Start = new(0, 0);

    public static LogPosition Parse(string text) =>
        TryParse(text, out var position) ? position : throw new FormatException($"'{text}' is not a log position (ms-seq)");

    public static bool TryParse(string? text, out LogPosition position)
    {
        position = Start;
        if (string.IsNullOrEmpty(text)) return false;
        var dash = text.IndexOf('-');
        var msText = dash < 0 ? text : text[..dash];
        var seqText = dash < 0 ? "0" : text[(dash + 1)..];
        if (!ulong.TryParse(msText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !ulong.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            return false;
        position = new LogPosition(ms, seq);
        return true;
    }

    public int CompareTo(LogPosition other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(LogPosition a, LogPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(LogPosition a, LogPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(LogPosition a, LogPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogPosition a, LogPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Milliseconds}-{Sequence}";
}
