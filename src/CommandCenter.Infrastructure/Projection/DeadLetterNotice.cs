using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>The <c>log.dead-lettered</c> entry the projector appends when it dead-letters an entry that parses.</summary>
internal static class DeadLetterNotice
{
    /// <param name="street">The street the notice is written for: its stream's street under streets per street (the
    /// dead-lettered envelope may name another), else the envelope's own.</param>
    public static Dictionary<string, string> For(LogEntry entry, EventEnvelope envelope, string reason, DateTimeOffset now, string? street = null) =>
        EnvelopeWriter.ToFields(new LogDeadLettered(entry.Position.ToString(), reason, envelope.Id), street ?? envelope.Street, LogDeadLettered.Source, now,
            // One id per dead-lettered position: a notice appended twice (a crash before the commit) is the same notice.
            id: NoticeId(entry.Position));

    private static Guid NoticeId(LogPosition position)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"log.dead-lettered:{position}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based id of our own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
