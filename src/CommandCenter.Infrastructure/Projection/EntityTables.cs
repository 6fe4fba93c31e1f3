using System.Collections.Immutable;
using System.Text.Json;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>Where each kind of entity is kept, and how one becomes a row.</summary>
internal static class EntityTables
{
    public const string Incidents = "incidents";
    public const string Tickets = "tickets";
    public const string Whistles = "whistles";
    public const string Dispatches = "dispatches";
    public const string Teams = "teams";

    public static readonly IReadOnlyList<string> All = [Incidents, Tickets, Whistles, Dispatches, Teams];

    public static string TableOf(EntityKind kind) => kind switch
    {
        EntityKind.Incident => Incidents,
        EntityKind.Ticket => Tickets,
        EntityKind.Whistle => Whistles,
        EntityKind.Dispatch => Dispatches,
        _ => Teams,
    };

    /// <summary>The row of the entity's current version in <paramref name="state"/>.</summary>
    public static EntityRow RowOf(DistrictState state, EntityKey key) => key.Kind switch
    {
        EntityKind.Incident => Row(state.Incidents[Guid.Parse(key.Id)], i => (i.Id.ToString(), i.Street, EntityJson.Status(i.Status), i.LastEventId)),
        EntityKind.Ticket => Row(state.Tickets[Guid.Parse(key.Id)], t => (t.Id.ToString(), t.Street, EntityJson.Status(t.Status), t.LastEventId)),
        EntityKind.Whistle => Row(state.Whistles[Guid.Parse(key.Id)], w => (w.Id.ToString(), w.Street, EntityJson.Status(w.Status), w.LastEventId)),
        EntityKind.Dispatch => Row(state.Dispatches[Guid.Parse(key.Id)], d => (d.Id.ToString(), d.Street, EntityJson.Status(d.Status), d.LastEventId)),
        _ => Row(state.Teams[key.Id], t => (t.Id, t.Street, EntityJson.Status(t.Status), t.LastEventId)),
    };

    public static ImmutableDictionary<TKey, TEntity> Parse<TKey, TEntity>(IEnumerable<string> bodies, Func<TEntity, TKey> key)
        where TKey : notnull
    {
        var builder = ImmutableDictionary.CreateBuilder<TKey, TEntity>();
        foreach (var body in bodies)
        {
            var entity = JsonSerializer.Deserialize<TEntity>(body, EntityJson.Options)
                ?? throw new InvalidDataException($"an entity row of {typeof(TEntity).Name} holds JSON null");
            builder[key(entity)] = entity;
        }
        return builder.ToImmutable();
    }

    private static EntityRow Row<T>(T entity, Func<T, (string Id, string Street, string Status, string LastEventId)> columns)
    {
        var (id, street, status, lastEventId) = columns(entity);
        return new EntityRow(id, street, status, JsonSerializer.Serialize(entity, EntityJson.Options), lastEventId);
    }
}

internal sealed record EntityRow(string Id, string Street, string Status, string Body, string LastEventId)
{
    /// <summary>The columns of every entity table that <see cref="Values"/> fills, in its order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["id", "street", "status", "body", "last_event_id"];

    public string?[] Values() => [Id, Street, Status, Body, LastEventId];
}
