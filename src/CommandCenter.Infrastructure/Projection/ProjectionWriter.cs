using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>One log position as the history keeps it: the entry's fields as far as they go, and what became of it.</summary>
public sealed record HistoryRow(
    string LogPosition, string EnvelopeId, string Type, string Street, string OccurredAt, string Source,
    string Outcome, string? Reason, string Data, string EntityIds)
{
    /// <summary>The <c>event_history</c> columns <see cref="Values"/> fills, in its order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["log_position", "envelope_id", "type", "street", "occurred_at", "source", "outcome", "reason", "data", "entity_ids"];

    public string?[] Values() => [LogPosition, EnvelopeId, Type, Street, OccurredAt, Source, Outcome, Reason, Data, EntityIds];
}

/// <summary>
/// Everything one batch changes, written in one transaction. <paramref name="From"/> is the checkpoint the batch was
/// projected from and <paramref name="Fence"/> the fencing token of the projector that projected it.
/// </summary>
public sealed record ProjectedBatch(
    DistrictState State, ChangedEntities Changed, IReadOnlyList<HistoryRow> History,
    ProjectionCounters Delta, LogPosition From, LogPosition Checkpoint, long Fence);

/// <summary>A commit refused because another projector has taken over (its fence is newer, or it moved the checkpoint).</summary>
public sealed class FencedOffException(string message) : Exception(message);

/// <summary>
/// Writes a batch in ONE transaction: the checkpoint (only if it still is where this projector started from and
/// the fence is still its own — docs/decisions/0009), the latest version of each changed entity (coalesced), one
/// history row per log position, the rejections and the counters. Either all of it is durable or none of it, so the
/// checkpoint always describes exactly the rows beside it, and a deposed projector cannot commit.
/// </summary>
/// <remarks>
/// One writer per stream (<paramref name="stream"/>, the district's one stream when null): it commits under that
/// stream's checkpoint row and fence, to its counter rows and history rows only, so writers of two streams never touch
/// the same row (entity rows belong to one street, hence to one stream: docs/decisions/0014).
/// </remarks>
public sealed class ProjectionWriter(IDbConnectionFactory db, TimeProvider time, ProjectionStream? stream = null)
{
    private readonly ProjectionStream _stream = stream ?? ProjectionStream.Single;

    public ProjectionStream Stream => _stream;

    /// <summary>Takes the fence for a new leader: returns its token, after which every older token's commit fails.</summary>
    public async Task<long> ClaimFenceAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (_stream.IsStreet)
        {
            // A street's rows come into being with its first leader (the one stream's rows come from the migrations).
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO checkpoints (name, position, updated_at, fence) VALUES (@name, '0-0', '', 0) ON CONFLICT (name) DO NOTHING
                """, new { name = _stream.CheckpointName }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO counters (name, value) VALUES (@name, 0) ON CONFLICT (name) DO NOTHING
                """, ProjectionCounters.Zero.ByName().Select(c => new { name = _stream.CounterName(c.Name) }), tx, cancellationToken: ct));
        }
        var fence = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            UPDATE checkpoints SET fence = fence + 1 WHERE name = @name RETURNING fence
            """, new { name = _stream.CheckpointName }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return fence;
    }

    /// <summary>Commits the batch; returns the <c>event_history.seq</c> of its last row (the point a snapshot covers).</summary>
    /// <exception cref="FencedOffException">Another projector took over; nothing was written.</exception>
    public async Task<long> CommitAsync(ProjectedBatch batch, CancellationToken ct = default)
    {
        var dialect = db.Dialect;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        // First, under the write lock: is this still the projector that may commit, from where it started?
        var moved = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE checkpoints SET position = @to, updated_at = @updatedAt
            WHERE name = @name AND position = @from AND fence = @fence
            """, new
            {
                name = _stream.CheckpointName,
                from = batch.From.ToString(),
                to = batch.Checkpoint.ToString(),
                fence = batch.Fence,
                updatedAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            }, tx, cancellationToken: ct));
        if (moved != 1)
            throw new FencedOffException($"the checkpoint is no longer {batch.From} under fence {batch.Fence}: another projector has taken over");

        // Entities and history in bulk, the dialect's fastest way (PostgreSQL: arrays and binary COPY, docs/decisions/0011).
        foreach (var group in batch.Changed.Keys.GroupBy(k => k.Kind))
            await dialect.WriteRowsAsync(connection, tx, EntityTables.TableOf(group.Key), EntityRow.Columns,
                [.. group.Select(key => EntityTables.RowOf(batch.Changed.AsOf(key), key).Values())], upsertKey: "id", ct);

        if (batch.History.Count > 0)
        {
            await dialect.WriteRowsAsync(connection, tx, "event_history", [.. HistoryRow.Columns, "stream"],
                [.. batch.History.Select(h => (string?[])[.. h.Values(), _stream.Name])], upsertKey: null, ct);

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO rejections (log_position, envelope_id, type, street, occurred_at, reason)
                VALUES (@LogPosition, @EnvelopeId, @Type, @Street, @OccurredAt, @Reason)
                """, batch.History.Where(h => h.Outcome == Outcomes.Rejected), tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE counters SET value = value + @delta WHERE name = @name
            """, batch.Delta.ByName().Where(c => c.Delta != 0).Select(c => new { name = _stream.CounterName(c.Name), delta = c.Delta }), tx, cancellationToken: ct));

        var lastSeq = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(seq), 0) FROM event_history WHERE stream = @stream", new { stream = _stream.Name }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return lastSeq;
    }
}

/// <summary>The outcome column of <c>event_history</c>: what became of each log position.</summary>
public static class Outcomes
{
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string Duplicate = "duplicate";
    public const string DeadLettered = "dead-lettered";
    public const string Marker = "marker";

    /// <summary>The outcomes of rows the reducer saw (and a re-reduction must see again), in SQL.</summary>
    public const string ReducedSql = "('applied', 'rejected', 'duplicate', 'marker')";

    public static string Of(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Applied => Applied,
        OutcomeKind.Rejected => Rejected,
        OutcomeKind.Notice => Marker,
        _ => Duplicate,
    };
}
