using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Projection;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Database;
using Dapper;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// The projector's committed state with its counters, the history row it covers and the latest <c>occurredAt</c> of
/// the rows up to it (what tells a replay of a past moment which stored snapshot it may start from).
/// </summary>
public sealed record ProjectionSnapshot(DistrictState State, LogPosition Checkpoint, ProjectionCounters Counters, long HistorySeq,
    DateTimeOffset? MaxOccurredAt = null)
{
    public StateSnapshot ToStateSnapshot() => new(State, Checkpoint);
}

/// <summary>
/// Reads the projection back from the database: the newest stored state snapshot of this reducer version, then the
/// history rows after it re-reduced (docs/decisions/0008) — never the entity tables, which are the read model for
/// queries, and never the history from row one unless no usable snapshot exists. Also the checkpoint and counters,
/// all in one read transaction so they are of the same commit. This is where the projector restarts and where every
/// live state starts (docs/architecture.md). One store per stream (<paramref name="stream"/>; the district's one stream
/// when null): it reads that stream's checkpoint, counters, snapshots and history only (docs/decisions/0014).
/// </summary>
public sealed class ProjectionStore(IDbConnectionFactory db, EnvelopeParser parser, DistrictReducer reducer, ProjectionStream? stream = null)
    : IStateSnapshotSource
{
    /// <summary>The checkpoint row of the district's one stream; a street's stream has its own (<see cref="ProjectionStream.CheckpointName"/>).</summary>
    public const string CheckpointName = "projector";

    private readonly ProjectionStream _stream = stream ?? ProjectionStream.Single;

    public ProjectionStream Stream => _stream;

    public async Task<StateSnapshot> LoadAsync(CancellationToken ct = default) => (await LoadProjectionAsync(ct)).ToStateSnapshot();

    public async Task<LogPosition> CheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var text = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT position FROM checkpoints WHERE name = @name", new { name = _stream.CheckpointName }, cancellationToken: ct));
        return text is null ? LogPosition.Start : LogPosition.Parse(text);
    }

    public async Task<ProjectionSnapshot> LoadProjectionAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(db.Dialect.SnapshotRead, ct);

        var counters = (await connection.QueryAsync<(string Name, long Value)>(new CommandDefinition(
            "SELECT name, value FROM counters", transaction: tx, cancellationToken: ct))).ToDictionary(c => c.Name, c => c.Value);
        var checkpointText = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT position FROM checkpoints WHERE name = @name", new { name = _stream.CheckpointName }, tx, cancellationToken: ct));

        var stored = await connection.QueryFirstOrDefaultAsync<SnapshotRow>(new CommandDefinition($"""
            SELECT history_seq AS HistorySeq, max_occurred_utc AS MaxOccurredUtc, body AS Body FROM state_snapshots
            WHERE stream = @stream AND reducer_version = @version AND holds_window = 1 ORDER BY history_seq DESC {db.Dialect.Limit("one")}
            """, new { stream = _stream.Name, version = DistrictReducer.Version, one = 1 }, tx, cancellationToken: ct));
        var start = stored is null ? DistrictState.Empty : StateSnapshotCodec.Decode(stored.Body);
        var (state, lastSeq, maxOccurred) = await HistoryReplay.CatchUpAsync(connection, tx, start, stored?.HistorySeq ?? 0,
            stored?.MaxOccurred, parser, reducer, ct, _stream);

        return new ProjectionSnapshot(
            state,
            checkpointText is null ? LogPosition.Start : LogPosition.Parse(checkpointText),
            ProjectionCounters.FromNames(counters.Where(c => ProjectionCounters.Zero.ByName().Any(n => _stream.CounterName(n.Name) == c.Key))
                .ToDictionary(c => CounterBaseName(c.Key), c => c.Value)),
            lastSeq,
            maxOccurred);
    }

    /// <summary>
    /// Stores <paramref name="state"/> as the state after history row <paramref name="historySeq"/> and drops all but
    /// the newest <paramref name="keep"/> snapshots of this version (older versions' snapshots go too: they are never
    /// trusted again). The state is immutable, so this may run beside the projector's next batches. Then the day
    /// snapshots kept only for replays lose their idempotency window (<see cref="ThinReplaySnapshotsAsync"/>).
    /// </summary>
    public async Task SaveSnapshotAsync(DistrictState state, long historySeq, LogPosition checkpoint, DateTimeOffset? maxOccurredAt, int keep,
        TimeProvider time, CancellationToken ct = default)
    {
        var body = StateSnapshotCodec.Encode(state);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO state_snapshots (stream, history_seq, checkpoint, reducer_version, created_at, max_occurred_utc, replay_day, body)
            VALUES (@stream, @historySeq, @checkpoint, @version, @createdAt, @maxOccurredUtc, @replayDay, @body)
            """, new
            {
                stream = _stream.Name,
                historySeq,
                checkpoint = checkpoint.ToString(),
                version = DistrictReducer.Version,
                createdAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                maxOccurredUtc = maxOccurredAt?.UtcTicks ?? 0,
                replayDay = maxOccurredAt is { } max ? DistrictRollups.DayOf(max).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                body,
            }, tx, cancellationToken: ct));
        // Kept: the newest few (restarts), and the first of each day (replays of any past moment, docs/decisions/0010).
        // Of this stream's snapshots only: another stream's are its own projector's to keep.
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM state_snapshots WHERE stream = @stream AND (reducer_version <> @version OR (
                seq NOT IN (SELECT seq FROM (SELECT seq FROM state_snapshots WHERE stream = @stream AND reducer_version = @version ORDER BY history_seq DESC {db.Dialect.Limit("keep")}) AS newest)
                AND seq NOT IN (SELECT MIN(seq) FROM state_snapshots WHERE stream = @stream AND reducer_version = @version AND replay_day IS NOT NULL GROUP BY replay_day)))
            """, new { stream = _stream.Name, version = DistrictReducer.Version, keep }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        await ThinReplaySnapshotsAsync(keep, ct);
    }

    /// <summary>
    /// Drops the idempotency window from every snapshot outside the newest <paramref name="keep"/>: those left are day
    /// snapshots for replays, which do not need it (docs/decisions/0017), and the window is most of their bytes. One
    /// transaction per snapshot, so a database written before replay snapshots existed is thinned without holding the
    /// projector's writes back for long. Returns how many were thinned.
    /// </summary>
    public async Task<int> ThinReplaySnapshotsAsync(int keep, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var candidates = (await connection.QueryAsync<long>(new CommandDefinition($"""
            SELECT seq FROM state_snapshots WHERE stream = @stream AND reducer_version = @version AND holds_window = 1
              AND seq NOT IN (SELECT seq FROM (SELECT seq FROM state_snapshots WHERE stream = @stream AND reducer_version = @version ORDER BY history_seq DESC {db.Dialect.Limit("keep")}) AS newest)
            """, new { stream = _stream.Name, version = DistrictReducer.Version, keep }, cancellationToken: ct))).ToList();
        foreach (var seq in candidates)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var body = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
                "SELECT body FROM state_snapshots WHERE seq = @seq AND holds_window = 1", new { seq }, tx, cancellationToken: ct));
            if (body is not null)
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE state_snapshots SET body = @thin, holds_window = 0 WHERE seq = @seq",
                    new { seq, thin = StateSnapshotCodec.Encode(StateSnapshotCodec.DecodeWithoutWindow(body), holdsWindow: false) }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        return candidates.Count;
    }

    /// <summary>
    /// The state a stored snapshot holds, without its idempotency window, full or replay snapshot alike: where a replay
    /// of a past moment starts. The replay must then skip the rows the projector found duplicate (docs/decisions/0017).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a snapshot this build wrote.</exception>
    public static DistrictState DecodeForReplay(byte[] body) => StateSnapshotCodec.DecodeWithoutWindow(body);

    /// <summary>The history row the newest usable snapshot covers, or null when there is none.</summary>
    public async Task<long?> LatestSnapshotSeqAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(history_seq) FROM state_snapshots WHERE stream = @stream AND reducer_version = @version AND holds_window = 1",
            new { stream = _stream.Name, version = DistrictReducer.Version }, cancellationToken: ct));
    }

    /// <summary><c>applied:ninghailu</c> → <c>applied</c>; the one stream's names are already plain.</summary>
    private string CounterBaseName(string row) => _stream.IsStreet ? row[..row.LastIndexOf(':')] : row;

    private sealed class SnapshotRow
    {
        public long HistorySeq { get; init; }
        public long MaxOccurredUtc { get; init; }
        public byte[] Body { get; init; } = [];

        public DateTimeOffset? MaxOccurred => MaxOccurredUtc == 0 ? null : new DateTimeOffset(MaxOccurredUtc, TimeSpan.Zero);
    }
}
