using System.Data.Common;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using Dapper;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>One history row with the envelope fields it keeps (as the producer wrote them).</summary>
public sealed record StoredEntry(long Seq, string LogPosition, string Outcome, string? Reason, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// Reads <c>event_history</c> back as envelope fields and re-reduces it with the one reducer: how a restart catches up
/// from its state snapshot, and how `cc verify` rebuilds the projection. Rows the projector dead-lettered are
/// skipped, exactly as the projector skipped them.
/// </summary>
public static class HistoryReplay
{
    /// <summary>
    /// The rows of one stream (<paramref name="stream"/>, the district's one stream when null) after
    /// <paramref name="afterSeq"/> in log order (up to <paramref name="toSeq"/>, at most <paramref name="limit"/> of
    /// them), read lazily. A stream's rows are in its log order by <c>seq</c>: only its one fenced projector writes them.
    /// </summary>
    public static IAsyncEnumerable<StoredEntry> ReadAsync(DbConnection connection, DbTransaction? tx, long afterSeq, long toSeq = long.MaxValue,
        CancellationToken ct = default, long limit = long.MaxValue, ProjectionStream? stream = null) =>
        ReadRowsAsync(connection, tx, afterSeq, toSeq, limit, (stream ?? ProjectionStream.Single).Name, ct);

    private static async IAsyncEnumerable<StoredEntry> ReadRowsAsync(DbConnection connection, DbTransaction? tx, long afterSeq, long toSeq, long limit,
        string stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // LIMIT with a parameter reads the same in SQLite and PostgreSQL.
        var rows = connection.QueryUnbufferedAsync<Row>("""
            SELECT seq AS Seq, log_position AS LogPosition, envelope_id AS EnvelopeId, type AS Type, street AS Street,
                   occurred_at AS OccurredAt, source AS Source, outcome AS Outcome, reason AS Reason, data AS Data
            FROM event_history WHERE stream = @stream AND seq > @afterSeq AND seq <= @toSeq ORDER BY seq LIMIT @limit
            """, new { stream, afterSeq, toSeq, limit }, tx);
        await foreach (var row in rows.WithCancellation(ct))
            yield return new StoredEntry(row.Seq, row.LogPosition, row.Outcome, row.Reason, FieldsOf(row));
    }

    /// <summary>Applies <paramref name="entry"/> to <paramref name="state"/> if the projector reduced it; null when it did not.</summary>
    public static Reduction? Reduce(DistrictState state, StoredEntry entry, EnvelopeParser parser, DistrictReducer reducer) =>
        EnvelopeOf(entry, parser) is { } envelope ? reducer.Apply(state, envelope) : null;

    /// <summary>
    /// The envelope of a row the projector reduced, parsed once for both the reducer and its reader; null for a row it
    /// dead-lettered. Throws <see cref="InvalidDataException"/> when a reduced row no longer parses.
    /// </summary>
    public static EventEnvelope? EnvelopeOf(StoredEntry entry, EnvelopeParser parser)
    {
        if (entry.Outcome == Outcomes.DeadLettered)
            return null;
        var parsed = parser.Parse(entry.Fields);
        return parsed.Envelope ?? throw new InvalidDataException(
            $"history row {entry.Seq} ({entry.LogPosition}) was reduced once but does not parse now: {parsed.Error}");
    }

    /// <summary>
    /// Re-reduces the rows after <paramref name="afterSeq"/> onto <paramref name="state"/>; returns the state, the last
    /// seq read and the latest <c>occurredAt</c> among the rows reduced so far (starting from <paramref name="maxOccurredAt"/>),
    /// the log's own notices left out as the projector leaves them out (they are timed when written, not in the district).
    /// </summary>
    public static async Task<(DistrictState State, long LastSeq, DateTimeOffset? MaxOccurredAt)> CatchUpAsync(DbConnection connection,
        DbTransaction? tx, DistrictState state, long afterSeq, DateTimeOffset? maxOccurredAt, EnvelopeParser parser, DistrictReducer reducer,
        CancellationToken ct = default, ProjectionStream? stream = null)
    {
        var last = afterSeq;
        await foreach (var entry in ReadAsync(connection, tx, afterSeq, ct: ct, stream: stream))
        {
            if (EnvelopeOf(entry, parser) is { } envelope)
            {
                var reduction = reducer.Apply(state, envelope);
                state = reduction.State;
                if (reduction.Outcome != OutcomeKind.Notice && (maxOccurredAt is null || envelope.OccurredAt > maxOccurredAt))
                    maxOccurredAt = envelope.OccurredAt;
            }
            last = entry.Seq;
        }
        return (state, last, maxOccurredAt);
    }

    // Sized for the envelope's seven fields up front: a replay reads thousands of rows, each growing it three times otherwise.
    private static Dictionary<string, string> FieldsOf(Row row) => new(EnvelopeFields.All.Count, StringComparer.Ordinal)
    {
        [EnvelopeFields.Id] = row.EnvelopeId,
        [EnvelopeFields.Type] = row.Type,
        [EnvelopeFields.OccurredAt] = row.OccurredAt,
        [EnvelopeFields.Source] = row.Source,
        [EnvelopeFields.Street] = row.Street,
        [EnvelopeFields.Version] = "1",
        [EnvelopeFields.Data] = row.Data,
    };

    // A class with setters, not a positional record: Dapper maps by name whatever type SQLite reports.
    private sealed class Row
    {
        public long Seq { get; init; }
        public string LogPosition { get; init; } = "";
        public string EnvelopeId { get; init; } = "";
        public string Type { get; init; } = "";
        public string Street { get; init; } = "";
        public string OccurredAt { get; init; } = "";
        public string Source { get; init; } = "";
        public string Outcome { get; init; } = "";
        public string? Reason { get; init; }
        public string Data { get; init; } = "";
    }
}
