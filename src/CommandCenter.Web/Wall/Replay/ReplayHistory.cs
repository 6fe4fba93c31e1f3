using System.Globalization;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Web.Wall.Replay;

/// <summary>One row of <c>event_history</c> as the replay needs it: its order and the envelope's fields.</summary>
public sealed record HistoryEntry(long Seq, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, string> Fields);

/// <summary>Reads the projector's <c>event_history</c> (every envelope the reducer saw, in log order) in pages.</summary>
public sealed class ReplayHistory(IDbConnectionFactory db)
{
    public async Task<IReadOnlyList<HistoryEntry>> ReadAfterAsync(long afterSeq, int count, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT seq AS Seq, envelope_id AS EnvelopeId, type AS Type, street AS Street, occurred_at AS OccurredAt,
                   source AS Source, data AS Data
            FROM event_history
            WHERE seq > @afterSeq
            ORDER BY seq
            {db.Dialect.Limit("count")}
            """, new { afterSeq, count }, cancellationToken: ct));
        return [.. rows.Select(r => new HistoryEntry(r.Seq, DateTimeOffset.Parse(r.OccurredAt, CultureInfo.InvariantCulture), new Dictionary<string, string>
        {
            [EnvelopeFields.Id] = r.EnvelopeId,
            [EnvelopeFields.Type] = r.Type,
            [EnvelopeFields.OccurredAt] = r.OccurredAt,
            [EnvelopeFields.Source] = r.Source,
            [EnvelopeFields.Street] = r.Street,
            [EnvelopeFields.Version] = "1",
            [EnvelopeFields.Data] = r.Data,
        }))];
    }

    /// <summary>The occurrence times of the first and the last row, in log order; null when the history is empty.</summary>
    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> RangeAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var first = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT occurred_at FROM event_history ORDER BY seq {db.Dialect.Limit("one")}", new { one = 1 }, cancellationToken: ct));
        var last = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT occurred_at FROM event_history ORDER BY seq DESC {db.Dialect.Limit("one")}", new { one = 1 }, cancellationToken: ct));
        if (first is null || last is null) return null;
        return (DateTimeOffset.Parse(first, CultureInfo.InvariantCulture), DateTimeOffset.Parse(last, CultureInfo.InvariantCulture));
    }

    private sealed record Row(long Seq, string EnvelopeId, string Type, string Street, string OccurredAt, string Source, string Data);
}
