using System.Globalization;
using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Web.Operations;

/// <summary>One step in an item's history: what happened, when, from which source, and who did it.</summary>
public sealed record TimelineEntry(long Seq, string EnvelopeId, string Type, DateTimeOffset OccurredAt, string Source, Actor? Actor, string Data);

/// <summary>
/// An item's timeline (ticket, incident, whistle, dispatch): the applied events that changed it, in log order, read
/// from the projector's <c>event_history</c>. The lookup narrows by street (indexed) and then matches the item in the
/// row's list of changed entities.
/// </summary>
public sealed class ItemTimeline(IDbConnectionFactory db)
{
    public const int MaxEntries = 500;

    public async Task<IReadOnlyList<TimelineEntry>> ForAsync(EntityKind kind, Guid id, string street, CancellationToken ct = default)
    {
        var entity = $"\"{kind.ToString().ToLowerInvariant()}:{id}\"";
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT seq AS Seq, envelope_id AS EnvelopeId, type AS Type, occurred_at AS OccurredAt, source AS Source, data AS Data
            FROM event_history
            WHERE street = @street AND outcome = 'applied' AND entity_ids LIKE @pattern
            ORDER BY seq
            {db.Dialect.Limit("max")}
            """, new { street, pattern = $"%{entity}%", max = MaxEntries }, cancellationToken: ct));
        return [.. rows.Select(r => new TimelineEntry(r.Seq, r.EnvelopeId, r.Type,
            DateTimeOffset.Parse(r.OccurredAt, CultureInfo.InvariantCulture), r.Source, ActorOf(r.Data), r.Data))];
    }

    private static Actor? ActorOf(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object
            ? actor.Deserialize<Actor>(EventJson.Options)
            : null;
    }

    private sealed record Row(long Seq, string EnvelopeId, string Type, string OccurredAt, string Source, string Data);
}
