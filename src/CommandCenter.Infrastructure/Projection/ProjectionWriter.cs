using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>One envelope as the history keeps it.</summary>
public sealed record HistoryRow(
    string LogPosition, string EnvelopeId, string Type, string Street, string OccurredAt, string Source,
    string Outcome, string? Reason, string Data, string EntityIds);

/// <summary>Everything one batch changes, written in one transaction.</summary>
public sealed record ProjectedBatch(
    DistrictState State, IReadOnlyCollection<EntityKey> Changed, IReadOnlyList<HistoryRow> History,
    ProjectionCounters Delta, LogPosition Checkpoint);

/// <summary>
/// Writes a batch in ONE transaction: the latest version of each changed entity (coalesced: an entity changed ten
/// times in a batch is written once), the history, the rejections, the counters and the checkpoint. Either all of
/// it is durable or none of it, so the checkpoint always describes exactly the rows beside it.
/// </summary>
public sealed class ProjectionWriter(IDbConnectionFactory db, TimeProvider time)
{
    public async Task CommitAsync(ProjectedBatch batch, CancellationToken ct = default)
    {
        var dialect = db.Dialect;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        foreach (var group in batch.Changed.GroupBy(k => k.Kind))
        {
            var table = EntityTables.TableOf(group.Key);
            await connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO {table} (id, street, status, body, last_event_id) VALUES (@Id, @Street, @Status, @Body, @LastEventId)
                {dialect.Upsert("id", "street", "status", "body", "last_event_id")}
                """, group.Select(key => EntityTables.RowOf(batch.State, key)), tx, cancellationToken: ct));
        }

        if (batch.History.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO event_history (log_position, envelope_id, type, street, occurred_at, source, outcome, reason, data, entity_ids)
                VALUES (@LogPosition, @EnvelopeId, @Type, @Street, @OccurredAt, @Source, @Outcome, @Reason, @Data, @EntityIds)
                {dialect.IgnoreConflict("envelope_id", where: "outcome <> 'duplicate'")}
                """, batch.History, tx, cancellationToken: ct));

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO rejections (log_position, envelope_id, type, street, occurred_at, reason)
                VALUES (@LogPosition, @EnvelopeId, @Type, @Street, @OccurredAt, @Reason)
                """, batch.History.Where(h => h.Outcome == Outcomes.Rejected), tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE counters SET value = value + @delta WHERE name = @name
            """, new[]
            {
                new { name = CounterNames.Applied, delta = batch.Delta.Applied },
                new { name = CounterNames.Rejected, delta = batch.Delta.Rejected },
                new { name = CounterNames.Duplicates, delta = batch.Delta.Duplicates },
                new { name = CounterNames.DeadLettered, delta = batch.Delta.DeadLettered },
            }.Where(c => c.delta != 0), tx, cancellationToken: ct));

        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO checkpoints (name, position, updated_at) VALUES (@name, @position, @updatedAt)
            {dialect.Upsert("name", "position", "updated_at")}
            """, new
            {
                name = ProjectionStore.CheckpointName,
                position = batch.Checkpoint.ToString(),
                updatedAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            }, tx, cancellationToken: ct));

        await tx.CommitAsync(ct);
    }
}

/// <summary>The outcome column of <c>event_history</c>.</summary>
public static class Outcomes
{
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string Duplicate = "duplicate";

    public static string Of(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Applied => Applied,
        OutcomeKind.Rejected => Rejected,
        _ => Duplicate,
    };
}
