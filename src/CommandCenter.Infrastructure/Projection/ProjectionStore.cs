using CommandCenter.Core.EventLog;
using CommandCenter.Core.Projection;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>The projector's committed state with its counters.</summary>
public sealed record ProjectionSnapshot(DistrictState State, LogPosition Checkpoint, ProjectionCounters Counters)
{
    public StateSnapshot ToStateSnapshot() => new(State, Checkpoint);
}

/// <summary>
/// Reads the projection back from the database: every entity table, the idempotency window (the last
/// <see cref="RecentIds.Capacity"/> envelope ids the reducer saw, oldest first), the counters and the checkpoint.
/// This is where the projector restarts and where every live state starts (DESIGN §3).
/// </summary>
public sealed class ProjectionStore(IDbConnectionFactory db) : IStateSnapshotSource
{
    public const string CheckpointName = "projector";

    public async Task<StateSnapshot> LoadAsync(CancellationToken ct = default) => (await LoadProjectionAsync(ct)).ToStateSnapshot();

    public async Task<ProjectionSnapshot> LoadProjectionAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        // One read transaction, so the entities, window and checkpoint are of the same commit.
        await using var tx = await connection.BeginTransactionAsync(db.Dialect.SnapshotRead, ct);

        async Task<IEnumerable<string>> Bodies(string table) =>
            await connection.QueryAsync<string>(new CommandDefinition($"SELECT body FROM {table}", transaction: tx, cancellationToken: ct));

        var incidents = EntityTables.Parse<Guid, Incident>(await Bodies(EntityTables.Incidents), i => i.Id);
        var tickets = EntityTables.Parse<Guid, Ticket>(await Bodies(EntityTables.Tickets), t => t.Id);
        var whistles = EntityTables.Parse<Guid, Whistle>(await Bodies(EntityTables.Whistles), w => w.Id);
        var dispatches = EntityTables.Parse<Guid, Dispatch>(await Bodies(EntityTables.Dispatches), d => d.Id);
        var teams = EntityTables.Parse<string, TeamState>(await Bodies(EntityTables.Teams), t => t.Id);

        var recent = await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT envelope_id FROM (
                SELECT seq, envelope_id FROM event_history WHERE outcome <> 'duplicate' ORDER BY seq DESC {db.Dialect.Limit("capacity")}
            ) AS window ORDER BY seq
            """, new { capacity = RecentIds.Capacity }, tx, cancellationToken: ct));

        var counters = (await connection.QueryAsync<(string Name, long Value)>(new CommandDefinition(
            "SELECT name, value FROM counters", transaction: tx, cancellationToken: ct))).ToDictionary(c => c.Name, c => c.Value);

        var checkpointText = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT position FROM checkpoints WHERE name = @name", new { name = CheckpointName }, tx, cancellationToken: ct));

        var applied = counters.GetValueOrDefault(CounterNames.Applied);
        var state = new DistrictState(incidents, tickets, whistles, dispatches, teams, RecentIds.From(recent), applied);
        return new ProjectionSnapshot(
            state,
            checkpointText is null ? LogPosition.Start : LogPosition.Parse(checkpointText),
            new ProjectionCounters(applied, counters.GetValueOrDefault(CounterNames.Rejected),
                counters.GetValueOrDefault(CounterNames.Duplicates), counters.GetValueOrDefault(CounterNames.DeadLettered)));
    }
}

internal static class CounterNames
{
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string Duplicates = "duplicates";
    public const string DeadLettered = "dead_lettered";
}
