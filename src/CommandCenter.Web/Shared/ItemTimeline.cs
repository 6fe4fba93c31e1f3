using System.Globalization;
using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Web.Shared;

/// <summary>One step in an item's history: what happened, when, from which source, and who did it.</summary>
/// <param name="ActorName">The actor's account as people know it ("王工 (director.ninghailu)"), when the account exists.</param>
public sealed record TimelineEntry(
    long Seq, string EnvelopeId, string Type, DateTimeOffset OccurredAt, string Source, Actor? Actor, string Data, string? ActorName = null);

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
        var entries = rows.Select(r => new TimelineEntry(r.Seq, r.EnvelopeId, r.Type,
            DateTimeOffset.Parse(r.OccurredAt, CultureInfo.InvariantCulture), r.Source, ActorOf(r.Data), r.Data)).ToList();
        var names = await NamesAsync(connection, db.Dialect, entries.Select(e => e.Actor?.UserId).OfType<string>().Distinct().ToList(), ct);
        return [.. entries.Select(e => e.Actor is { } actor && names.TryGetValue(actor.UserId, out var name) ? e with { ActorName = name } : e)];
    }

    /// <summary>Events carry the stable account id; people recognise the user name and display name.</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(System.Data.Common.DbConnection connection, ISqlDialect dialect,
        IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var users = await connection.QueryAsync<(string Id, string UserName, string? DisplayName)>(new CommandDefinition(
            $"SELECT id, user_name, display_name FROM users WHERE {dialect.InList("id", "ids")}", new { ids = ids.ToArray() }, cancellationToken: ct));
        return users.ToDictionary(u => u.Id, u => u.DisplayName is { Length: > 0 } display ? $"{display} ({u.UserName})" : u.UserName);
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
