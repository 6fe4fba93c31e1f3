using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>
/// The log's own notices (family <c>log</c>: the rules a log reduces by, dead letters, archiving) are appended by the
/// running app itself, e.g. the leader's <c>log.rules-adopted</c> at a fresh log's start; a test counting what was
/// appended on its behalf leaves them out.
/// </summary>
internal static class LogNotices
{
    public static bool IsNotice(IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue(EnvelopeFields.Type, out var type) && type.StartsWith("log.", StringComparison.Ordinal);

    /// <summary>The entries a test or a producer appended: every entry but the log's own notices.</summary>
    public static IReadOnlyList<LogEntry> Appended(this IEnumerable<LogEntry> entries) => [.. entries.Where(e => !IsNotice(e.Fields))];

    public static async Task<IReadOnlyList<LogEntry>> AppendedAsync(this IEventLog log, int count = 10_000) =>
        (await log.ReadAfterAsync(LogPosition.Start, count)).Appended();
}
