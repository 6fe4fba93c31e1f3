using System.Data.Common;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.EventLog.Embedded;

/// <summary>
/// The embedded event log (docs/architecture.md, "Modes"): a Redis-stream-shaped log in the application's own SQLite database, so
/// one process needs nothing else. Positions are <c>0-{seq}</c>. Every method is one short transaction and
/// returns at once; nothing waits for new entries.
/// </summary>
public sealed class SqliteEventLog(IDbConnectionFactory db, IOptions<EventLogOptions> options, TimeProvider time) : IEventLog
{
    private string Name => options.Value.StreamKey;

    public async Task<IReadOnlyList<LogPosition>> AppendAsync(IReadOnlyList<IReadOnlyDictionary<string, string>> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0)
            return [];

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO log_entries (fields, appended_at) VALUES (@fields, @appendedAt) RETURNING seq";
        var fields = command.CreateParameter();
        fields.ParameterName = "@fields";
        command.Parameters.Add(fields);
        var appendedAt = command.CreateParameter();
        appendedAt.ParameterName = "@appendedAt";
        appendedAt.Value = time.GetUtcNow().ToUnixTimeMilliseconds();
        command.Parameters.Add(appendedAt);

        var positions = new List<LogPosition>(entries.Count);
        foreach (var entry in entries)
        {
            fields.Value = LogFields.Serialize(entry);
            var seq = Convert.ToUInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            positions.Add(new LogPosition(0, seq));
        }
        await tx.CommitAsync(ct);
        return positions;
    }

    public async Task EnsureGroupAsync(string group, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO log_groups (name, last_delivered_seq) VALUES (@group, 0) {db.Dialect.IgnoreConflict("name")}
            """, new { group }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<LogEntry>> ReadGroupAsync(string group, string consumer, int count, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var lastDelivered = await LastDeliveredAsync(connection, tx, group, ct);

        var rows = (await connection.QueryAsync<EntryRow>(new CommandDefinition($"""
            SELECT seq AS Seq, fields AS Fields FROM log_entries WHERE seq > @lastDelivered ORDER BY seq {db.Dialect.Limit("count")}
            """, new { lastDelivered, count }, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
            return [];

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO log_pending (group_name, seq, consumer, delivered_at, delivery_count) VALUES (@group, @Seq, @consumer, @now, 1)
            """, rows.Select(r => new { group, r.Seq, consumer, now }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE log_groups SET last_delivered_seq = @last WHERE name = @group
            """, new { group, last = rows[^1].Seq }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return [.. rows.Select(r => r.ToEntry(1))];
    }

    public async Task AcknowledgeAsync(string group, IReadOnlyList<LogPosition> positions, CancellationToken ct = default)
    {
        if (positions.Count == 0)
            return;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM log_pending WHERE group_name = @group AND seq = @seq
            """, positions.Where(IsOurs).Select(p => new { group, seq = (long)p.Sequence }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, TimeSpan minIdle, int count, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await LastDeliveredAsync(connection, tx, group, ct);

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)minIdle.TotalMilliseconds;
        var rows = (await connection.QueryAsync<ClaimRow>(new CommandDefinition($"""
            SELECT p.seq AS Seq, e.fields AS Fields, p.delivery_count AS DeliveryCount
            FROM log_pending p LEFT JOIN log_entries e ON e.seq = p.seq
            WHERE p.group_name = @group AND p.delivered_at <= @cutoff
            ORDER BY p.seq {db.Dialect.Limit("count")}
            """, new { group, cutoff, count }, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
            return [];

        // Like XAUTOCLAIM: a pending entry whose entry is gone is dropped from the pending list, not handed out.
        var gone = rows.Where(r => r.Fields is null).Select(r => new { group, r.Seq }).ToList();
        if (gone.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM log_pending WHERE group_name = @group AND seq = @Seq", gone, tx, cancellationToken: ct));

        var claimed = rows.Where(r => r.Fields is not null).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE log_pending SET consumer = @consumer, delivered_at = @now, delivery_count = delivery_count + 1
            WHERE group_name = @group AND seq = @Seq
            """, claimed.Select(r => new { group, consumer, now, r.Seq }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return [.. claimed.Select(r => new EntryRow { Seq = r.Seq, Fields = r.Fields! }.ToEntry((int)r.DeliveryCount + 1))];
    }

    public async Task<IReadOnlyList<PendingEntry>> PendingAsync(string group, int count, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition($"""
            SELECT seq AS Seq, consumer AS Consumer, delivered_at AS DeliveredAt, delivery_count AS DeliveryCount
            FROM log_pending WHERE group_name = @group ORDER BY seq {db.Dialect.Limit("count")}
            """, new { group, count }, cancellationToken: ct));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return [.. rows.Select(r => new PendingEntry(new LogPosition(0, (ulong)r.Seq), r.Consumer,
            TimeSpan.FromMilliseconds(Math.Max(0, now - r.DeliveredAt)), (int)r.DeliveryCount))];
    }

    public async Task<long> PendingCountAsync(string group, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM log_pending WHERE group_name = @group", new { group }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<LogEntry>> ReadAfterAsync(LogPosition after, int count, CancellationToken ct = default)
    {
        if (after.Milliseconds > 0)
            return [];
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition($"""
            SELECT seq AS Seq, fields AS Fields FROM log_entries WHERE seq > @after ORDER BY seq {db.Dialect.Limit("count")}
            """, new { after = (long)after.Sequence, count }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToEntry(0))];
    }

    public async Task<DateTimeOffset?> FirstAppendedAfterAsync(LogPosition after, CancellationToken ct = default)
    {
        if (after.Milliseconds > 0)
            return null;
        await using var connection = await db.OpenAsync(ct);
        var ms = await connection.ExecuteScalarAsync<long?>(new CommandDefinition($"""
            SELECT appended_at FROM log_entries WHERE seq > @after ORDER BY seq {db.Dialect.Limit("one")}
            """, new { after = (long)after.Sequence, one = 1 }, cancellationToken: ct));
        // Entries appended before the column existed say 0: their wait is unknown, counted as none.
        return ms switch { null => null, 0 => time.GetUtcNow(), _ => DateTimeOffset.FromUnixTimeMilliseconds(ms.Value) };
    }

    public async Task DeadLetterAsync(LogEntry entry, string reason, CancellationToken ct = default)
    {
        var fields = new Dictionary<string, string>(entry.Fields)
        {
            ["reason"] = reason,
            ["originalId"] = entry.Position.ToString(),
        };
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO log_dead_letters (original_id, reason, fields, dead_at) VALUES (@originalId, @reason, @fields, @now)
            """, new { originalId = entry.Position.ToString(), reason, fields = LogFields.Serialize(fields), now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<LogEntry>> ReadDeadLettersAsync(int count, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition($"""
            SELECT seq AS Seq, fields AS Fields FROM log_dead_letters ORDER BY seq {db.Dialect.Limit("count")}
            """, new { count }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToEntry(0))];
    }

    public async Task<long> TrimBeforeAsync(string group, LogPosition minPosition, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var lastDelivered = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_delivered_seq FROM log_groups WHERE name = @group", new { group }, tx, cancellationToken: ct));
        if (lastDelivered is null)
            return 0; // without the group we cannot know what it still needs, so keep everything

        var lowestPending = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(seq) FROM log_pending WHERE group_name = @group", new { group }, tx, cancellationToken: ct));
        var requested = minPosition.Milliseconds > 0 ? long.MaxValue : (long)minPosition.Sequence;
        var limit = Math.Min(requested, Math.Min(lowestPending ?? long.MaxValue, lastDelivered.Value + 1));

        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM log_entries WHERE seq < @limit", new { limit }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return removed;
    }

    public async Task<LogInfo> InfoAsync(string group, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<InfoRow>(new CommandDefinition("""
            SELECT
                (SELECT COUNT(*) FROM log_entries) AS Length,
                (SELECT COALESCE(MAX(seq), 0) FROM log_entries) AS LastSeq,
                (SELECT COUNT(*) FROM log_pending WHERE group_name = @group) AS Pending,
                (SELECT COUNT(*) FROM log_dead_letters) AS DeadLettered
            """, new { group }, cancellationToken: ct));
        return new LogInfo(Name, row.Length, row.LastSeq > 0 ? new LogPosition(0, (ulong)row.LastSeq) : null, row.Pending, row.DeadLettered);
    }

    private static bool IsOurs(LogPosition position) => position.Milliseconds == 0 && position.Sequence > 0;

    private static async Task<long> LastDeliveredAsync(DbConnection connection, DbTransaction tx, string group, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_delivered_seq FROM log_groups WHERE name = @group", new { group }, tx, cancellationToken: ct))
        ?? throw new InvalidOperationException($"consumer group '{group}' does not exist; call EnsureGroupAsync first");

    // Classes with setters, not positional records: Dapper then maps by name whatever type SQLite reports for a
    // column that has no declared type (an empty result or an aggregate).
    private sealed class EntryRow
    {
        public long Seq { get; init; }
        public string Fields { get; init; } = "";

        public LogEntry ToEntry(int deliveryCount) => new(new LogPosition(0, (ulong)Seq), LogFields.Deserialize(Fields), deliveryCount);
    }

    private sealed class ClaimRow
    {
        public long Seq { get; init; }
        public string? Fields { get; init; }
        public long DeliveryCount { get; init; }
    }

    private sealed class PendingRow
    {
        public long Seq { get; init; }
        public string Consumer { get; init; } = "";
        public long DeliveredAt { get; init; }
        public long DeliveryCount { get; init; }
    }

    private sealed class InfoRow
    {
        public long Length { get; init; }
        public long LastSeq { get; init; }
        public long Pending { get; init; }
        public long DeadLettered { get; init; }
    }
}
