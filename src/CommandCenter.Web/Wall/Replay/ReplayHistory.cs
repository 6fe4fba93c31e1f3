using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Projection;
using Dapper;

namespace CommandCenter.Web.Wall.Replay;

/// <summary>One history row as the replay needs it: its order, its time and the envelope's fields.</summary>
public sealed record HistoryEntry(long Seq, DateTimeOffset OccurredAt, StoredEntry Stored);

/// <summary>
/// Reads the projector's <c>event_history</c> for replays: pages of rows in log order, the stored state snapshot a
/// replay of a moment may start from, and the applied rows just before a point (the replayed ticker).
/// </summary>
public sealed class ReplayHistory(IDbConnectionFactory db)
{
    /// <summary>Up to <paramref name="count"/> rows of <paramref name="stream"/> (the district's one stream when null) after <paramref name="afterSeq"/>, in its log order.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadAfterAsync(long afterSeq, int count, CancellationToken ct, ProjectionStream? stream = null)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = new List<HistoryEntry>(count);
        await foreach (var entry in HistoryReplay.ReadAsync(connection, null, afterSeq, ct: ct, limit: count, stream: stream))
            rows.Add(new HistoryEntry(entry.Seq, OccurredAt(entry), entry));
        return rows;
    }

    /// <summary>
    /// The history row covered by the newest stored snapshot of <paramref name="stream"/> (the district's one stream
    /// when null; under streams per street, docs/decisions/0014, one street's) whose rows all occurred no later than
    /// <paramref name="at"/>, or null: a replay of <paramref name="at"/> starts there and applies at most about a day
    /// of that stream's rows (docs/decisions/0010).
    /// </summary>
    public async Task<long?> SnapshotSeqBeforeAsync(DateTimeOffset at, CancellationToken ct, ProjectionStream? stream = null)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition($"""
            SELECT history_seq FROM state_snapshots
            WHERE stream = @stream AND reducer_version = @version AND max_occurred_utc > 0 AND max_occurred_utc <= @at
            ORDER BY max_occurred_utc DESC, history_seq DESC {db.Dialect.Limit("one")}
            """, new { stream = (stream ?? ProjectionStream.Single).Name, version = DistrictReducer.Version, at = at.UtcTicks, one = 1 }, cancellationToken: ct));
    }

    /// <summary>
    /// The state of the stored snapshot covering history row <paramref name="seq"/>, without its idempotency window
    /// (docs/decisions/0017), or null when that snapshot has gone since.
    /// </summary>
    public async Task<DistrictState?> SnapshotAsync(long seq, CancellationToken ct, ProjectionStream? stream = null)
    {
        await using var connection = await db.OpenAsync(ct);
        var body = await connection.QueryFirstOrDefaultAsync<byte[]>(new CommandDefinition($"""
            SELECT body FROM state_snapshots WHERE stream = @stream AND reducer_version = @version AND history_seq = @seq {db.Dialect.Limit("one")}
            """, new { stream = (stream ?? ProjectionStream.Single).Name, version = DistrictReducer.Version, seq, one = 1 }, cancellationToken: ct));
        return body is null ? null : ProjectionStore.DecodeForReplay(body);
    }

    /// <summary>Up to <paramref name="count"/> applied rows of <paramref name="stream"/> at or before <paramref name="seq"/>, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> AppliedBeforeAsync(long seq, int count, CancellationToken ct, ProjectionStream? stream = null)
    {
        stream ??= ProjectionStream.Single;
        await using var connection = await db.OpenAsync(ct);
        var seqs = (await connection.QueryAsync<long>(new CommandDefinition($"""
            SELECT seq FROM event_history WHERE stream = @stream AND seq <= @seq AND outcome = 'applied' ORDER BY seq DESC {db.Dialect.Limit("count")}
            """, new { stream = stream.Name, seq, count }, cancellationToken: ct))).ToList();
        if (seqs.Count == 0) return [];
        var rows = new List<HistoryEntry>(seqs.Count);
        await foreach (var entry in HistoryReplay.ReadAsync(connection, null, seqs.Min() - 1, seq, ct, stream: stream))
            if (entry.Outcome == Outcomes.Applied)
                rows.Add(new HistoryEntry(entry.Seq, OccurredAt(entry), entry));
        return rows.TakeLast(count).ToList();
    }

    /// <summary>The occurrence times of the first and the last row, in log order; null when the history is empty.</summary>
    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> RangeAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var first = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT occurred_at FROM event_history WHERE outcome <> 'dead-lettered' ORDER BY seq {db.Dialect.Limit("one")}", new { one = 1 }, cancellationToken: ct));
        var last = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT occurred_at FROM event_history WHERE outcome <> 'dead-lettered' ORDER BY seq DESC {db.Dialect.Limit("one")}", new { one = 1 }, cancellationToken: ct));
        if (first is null || last is null) return null;
        return (DateTimeOffset.Parse(first, CultureInfo.InvariantCulture), DateTimeOffset.Parse(last, CultureInfo.InvariantCulture));
    }

    private static DateTimeOffset OccurredAt(StoredEntry entry) =>
        Core.Events.EnvelopeParser.TryParseOccurredAt(entry.Fields[Core.Events.EnvelopeFields.OccurredAt], out var at) ? at : DateTimeOffset.MinValue;
}
