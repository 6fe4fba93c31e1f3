using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Text;
using CommandCenter.Infrastructure.Database;
using EventLogs = CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Infrastructure.Verification;

/// <summary>What <see cref="LogVerifier"/> found: one line per check, and every difference in plain words.</summary>
public sealed record VerifyReport(IReadOnlyList<string> Checks, IReadOnlyList<string> Differences)
{
    public bool IsClean => Differences.Count == 0;
}

/// <summary>
/// `cc verify` (issue "the log is the truth under every fault", deliverable 7): re-reduces the stored history from
/// its first row with the one reducer into a scratch database (through the projector's own writer), and compares
/// that with the live database — entities, history, counters, checkpoint, dead letters, the newest state snapshot —
/// and the history with the entries the log still holds. The history keeps every log position, so the check
/// outlives the stream's trimming. Nothing in the live database or the log is changed.
/// <para>
/// With one stream per street (docs/decisions/0014) each stream is re-reduced on its own, from an empty state, by its
/// own writer into the same scratch database, and checked on its own (history, checkpoint, dead letters, snapshot and
/// the entries its stream still holds); the entity tables and counters, which the streams share row-disjointly, are
/// compared whole.
/// </para>
/// </summary>
public sealed class LogVerifier(IDbConnectionFactory live, IEventLog log, EnvelopeParser parser, DistrictReducer reducer,
    EventLogs.EventLogStreams? streams = null)
{
    private const int CommitEvery = 5_000;

    private readonly EventLogs.EventLogStreams _streams = streams ?? EventLogs.EventLogStreams.Single(log);

    /// <param name="scratch">An empty database to rebuild into (a temporary SQLite file when null).</param>
    /// <param name="requireCaughtUp">Also a difference: log entries not yet projected, or pending in the group.</param>
    public async Task<VerifyReport> VerifyAsync(IDbConnectionFactory? scratch = null, bool requireCaughtUp = false, CancellationToken ct = default)
    {
        var checks = new List<string>();
        var differences = new List<string>();
        string? scratchFolder = null;
        if (scratch is null)
        {
            scratchFolder = Path.Combine(Path.GetTempPath(), $"cc-verify-{Guid.NewGuid():N}");
            Directory.CreateDirectory(scratchFolder);
            scratch = new SqliteConnectionFactory($"Data Source={Path.Combine(scratchFolder, "scratch.db")};Pooling=False");
        }
        try
        {
            await new MigrationRunner(scratch, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
            await using var connection = await live.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(live.Dialect.SnapshotRead, ct);

            var clock = Stopwatch.StartNew();
            var rebuilt = new List<(EventLogs.StreamLog Stream, Rebuilt Rebuilt)>();
            foreach (var stream in _streams.All)
                rebuilt.Add((stream, await RebuildAsync(connection, tx, scratch, stream.Stream, differences, ct)));
            checks.Add($"history     {rebuilt.Sum(r => r.Rebuilt.Rows):N0} rows re-reduced into a scratch database in {clock.Elapsed.TotalSeconds:F1} s"
                + (_streams.IsSharded ? $" ({rebuilt.Count} streams, each on its own)" : ""));

            await using var copy = await scratch.OpenAsync(ct);
            await CompareEntitiesAsync(connection, tx, copy, checks, differences, ct);
            await CompareHistoryAsync(connection, tx, copy, checks, differences, ct);
            await CompareCountersAsync(connection, tx, copy, checks, differences, ct);
            foreach (var (stream, result) in rebuilt)
            {
                var name = _streams.IsSharded ? $" [{stream.Stream.Name}]" : "";
                await CompareCheckpointAsync(connection, tx, stream.Stream, result.LastPosition, name, checks, differences, ct);
                await CompareDeadLettersAsync(connection, tx, stream, name, checks, differences, ct);
                await CompareStreamAsync(connection, tx, stream, result.LastPosition, requireCaughtUp, name, checks, differences, ct);
            }
        }
        finally
        {
            if (scratchFolder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(scratchFolder, recursive: true);
            }
        }
        return new VerifyReport(checks, differences);
    }

    private sealed record Rebuilt(long Rows, LogPosition LastPosition);

    /// <summary>Every history row, in order, through the reducer and the projector's writer into the scratch database.</summary>
    private async Task<Rebuilt> RebuildAsync(DbConnection connection, DbTransaction tx, IDbConnectionFactory scratch, ProjectionStream stream,
        List<string> differences, CancellationToken ct)
    {
        var writer = new ProjectionWriter(scratch, TimeProvider.System, stream);
        var fence = await writer.ClaimFenceAsync(ct);
        var snapshot = await NewestSnapshotAsync(connection, tx, stream, ct);

        var state = DistrictState.Empty;
        var from = LogPosition.Start;
        var at = LogPosition.Start;
        var changed = new ChangedEntities();
        var rows = new List<HistoryRow>(CommitEvery);
        var delta = ProjectionCounters.Zero;
        long count = 0;

        async Task FlushAsync()
        {
            if (rows.Count == 0) return;
            await writer.CommitAsync(new ProjectedBatch(state, changed, rows, delta, from, at, fence), ct);
            from = at;
            changed.Clear();
            rows.Clear();
            delta = ProjectionCounters.Zero;
        }

        await foreach (var entry in HistoryReplay.ReadAsync(connection, tx, 0, ct: ct, stream: stream))
        {
            count++;
            if (!LogPosition.TryParse(entry.LogPosition, out var position) || position <= at)
                Note(differences, $"history row {entry.Seq}: position '{entry.LogPosition}' is not after the one before it ({at})");
            at = position > at ? position : at;

            Reduction? reduction;
            try
            {
                reduction = HistoryReplay.Reduce(state, entry, parser, reducer);
            }
            catch (InvalidDataException ex)
            {
                Note(differences, ex.Message);
                reduction = null;
            }
            var fields = entry.Fields;
            if (reduction is null)
            {
                rows.Add(new HistoryRow(entry.LogPosition, fields[EnvelopeFields.Id], fields[EnvelopeFields.Type], fields[EnvelopeFields.Street],
                    fields[EnvelopeFields.OccurredAt], fields[EnvelopeFields.Source], Outcomes.DeadLettered, entry.Reason, fields[EnvelopeFields.Data], "[]"));
                delta = delta.Add(new ProjectionCounters(0, 0, 0, 1));
            }
            else
            {
                state = reduction.State;
                changed.Record(reduction);
                rows.Add(new HistoryRow(entry.LogPosition, fields[EnvelopeFields.Id], fields[EnvelopeFields.Type], fields[EnvelopeFields.Street],
                    fields[EnvelopeFields.OccurredAt], fields[EnvelopeFields.Source], Outcomes.Of(reduction.Outcome), reduction.Reason, fields[EnvelopeFields.Data],
                    reduction.Changed.IsEmpty ? "[]" : JsonSerializer.Serialize(reduction.Changed.Select(k => $"{k.Kind.ToString().ToLowerInvariant()}:{k.Id}"))));
                delta = delta.Add(reduction.Outcome switch
                {
                    OutcomeKind.Applied => new ProjectionCounters(1, 0, 0, 0),
                    OutcomeKind.Rejected => new ProjectionCounters(0, 1, 0, 0),
                    OutcomeKind.Notice => new ProjectionCounters(0, 0, 0, 0, 1),
                    _ => new ProjectionCounters(0, 0, 1, 0),
                });
            }

            if (snapshot is { } stored && stored.HistorySeq == entry.Seq)
                CompareSnapshot(stored, state, differences);
            if (rows.Count >= CommitEvery)
                await FlushAsync();
        }
        await FlushAsync();
        if (snapshot is { } newest && newest.HistorySeq > 0 && count == 0)
            Note(differences, $"a state snapshot covers history row {newest.HistorySeq} but the history is empty");
        return new Rebuilt(count, at);
    }

    private sealed class SnapshotRow
    {
        public long HistorySeq { get; init; }
        public byte[] Body { get; init; } = [];
    }

    private async Task<SnapshotRow?> NewestSnapshotAsync(DbConnection connection, DbTransaction tx, ProjectionStream stream, CancellationToken ct) =>
        await connection.QueryFirstOrDefaultAsync<SnapshotRow>(new CommandDefinition($"""
            SELECT history_seq AS HistorySeq, body AS Body FROM state_snapshots WHERE stream = @stream AND reducer_version = @version AND holds_window = 1
            ORDER BY history_seq DESC {live.Dialect.Limit("one")}
            """, new { stream = stream.Name, version = DistrictReducer.Version, one = 1 }, tx, cancellationToken: ct));

    private static void CompareSnapshot(SnapshotRow stored, DistrictState rebuilt, List<string> differences)
    {
        var snapshot = StateSnapshotCodec.Decode(stored.Body);
        var (a, b) = (StateJson(snapshot), StateJson(rebuilt));
        if (a != b || !snapshot.Recent.SameAs(rebuilt.Recent) || snapshot.AppliedCount != rebuilt.AppliedCount)
            Note(differences, $"the state snapshot at history row {stored.HistorySeq} differs from the history re-reduced up to that row");
    }

    private static string StateJson(DistrictState state) => JsonSerializer.Serialize(new
    {
        incidents = state.Incidents.OrderBy(p => p.Key).Select(p => p.Value),
        tickets = state.Tickets.OrderBy(p => p.Key).Select(p => p.Value),
        whistles = state.Whistles.OrderBy(p => p.Key).Select(p => p.Value),
        dispatches = state.Dispatches.OrderBy(p => p.Key).Select(p => p.Value),
        teams = state.Teams.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value),
    }, EntityJson.Options);

    private static async Task CompareEntitiesAsync(DbConnection connection, DbTransaction tx, DbConnection copy, List<string> checks, List<string> differences, CancellationToken ct)
    {
        long total = 0, before = differences.Count;
        foreach (var table in EntityTables.All)
        {
            var sql = $"SELECT id AS Id, street || '|' || status || '|' || last_event_id || '|' || body AS Row FROM {table} ORDER BY id";
            var liveRows = (await connection.QueryAsync<(string Id, string Row)>(new CommandDefinition(sql, transaction: tx, cancellationToken: ct))).ToDictionary(r => r.Id, r => r.Row);
            var copyRows = (await copy.QueryAsync<(string Id, string Row)>(new CommandDefinition(sql, cancellationToken: ct))).ToDictionary(r => r.Id, r => r.Row);
            total += liveRows.Count;
            foreach (var id in liveRows.Keys.Union(copyRows.Keys).Order(StringComparer.Ordinal))
            {
                var (l, c) = (liveRows.GetValueOrDefault(id), copyRows.GetValueOrDefault(id));
                if (l == c) continue;
                Note(differences, l is null ? $"{table} {id}: missing from the database (the history makes it {Clip(c)})"
                    : c is null ? $"{table} {id}: in the database, but the history never made it ({Clip(l)})"
                    : $"{table} {id}: database {Clip(l)} / history {Clip(c)}");
            }
        }
        checks.Add($"entities    {(differences.Count == before ? "ok" : "DIFFER")} ({total:N0} rows)");
    }

    private static async Task CompareHistoryAsync(DbConnection connection, DbTransaction tx, DbConnection copy, List<string> checks, List<string> differences, CancellationToken ct)
    {
        // A position is unique within its stream (docs/decisions/0014); the one stream's rows all have stream ''.
        const string sql = "SELECT stream AS Stream, log_position AS Position, outcome || '|' || COALESCE(reason, '') || '|' || entity_ids AS Row FROM event_history ORDER BY seq";
        var liveRows = (await connection.QueryAsync<(string Stream, string Position, string Row)>(new CommandDefinition(sql, transaction: tx, cancellationToken: ct))).ToList();
        var copyRows = (await copy.QueryAsync<(string Stream, string Position, string Row)>(new CommandDefinition(sql, cancellationToken: ct)))
            .ToDictionary(r => (r.Stream, r.Position), r => r.Row);
        var before = differences.Count;
        foreach (var (stream, position, row) in liveRows)
        {
            if (copyRows.GetValueOrDefault((stream, position)) is { } rebuilt && rebuilt != row)
                Note(differences, $"history {(stream.Length > 0 ? $"[{stream}] " : "")}{position}: recorded {Clip(row)} / re-reduced {Clip(rebuilt)}");
        }
        var byOutcome = liveRows.GroupBy(r => r.Row[..r.Row.IndexOf('|')]).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}");
        checks.Add($"history     {(differences.Count == before ? "ok" : "DIFFER")} ({string.Join(", ", byOutcome)})");
    }

    private static async Task CompareCountersAsync(DbConnection connection, DbTransaction tx, DbConnection copy, List<string> checks, List<string> differences, CancellationToken ct)
    {
        const string sql = "SELECT name AS Name, value AS Value FROM counters ORDER BY name";
        var liveCounters = (await connection.QueryAsync<(string Name, long Value)>(new CommandDefinition(sql, transaction: tx, cancellationToken: ct))).ToDictionary(c => c.Name, c => c.Value);
        var copyCounters = (await copy.QueryAsync<(string Name, long Value)>(new CommandDefinition(sql, cancellationToken: ct))).ToDictionary(c => c.Name, c => c.Value);
        var before = differences.Count;
        foreach (var name in liveCounters.Keys.Union(copyCounters.Keys).Order(StringComparer.Ordinal))
        {
            if (liveCounters.GetValueOrDefault(name) != copyCounters.GetValueOrDefault(name))
                Note(differences, $"counter {name}: database {liveCounters.GetValueOrDefault(name):N0} / history {copyCounters.GetValueOrDefault(name):N0}");
        }
        checks.Add($"counters    {(differences.Count == before ? "ok" : "DIFFER")} ({string.Join(", ", liveCounters.Select(c => $"{c.Key} {c.Value:N0}"))})");
    }

    private static async Task CompareCheckpointAsync(DbConnection connection, DbTransaction tx, ProjectionStream stream, LogPosition last, string name,
        List<string> checks, List<string> differences, CancellationToken ct)
    {
        var text = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT position FROM checkpoints WHERE name = @name", new { name = stream.CheckpointName }, tx, cancellationToken: ct));
        var checkpoint = text is null ? LogPosition.Start : LogPosition.Parse(text);
        var ok = checkpoint == last;
        if (!ok)
            Note(differences, $"checkpoint{name} {checkpoint} is not the last history position {last}");
        checks.Add($"checkpoint  {(ok ? "ok" : "DIFFER")} ({checkpoint}){name}");
    }

    private static async Task CompareDeadLettersAsync(DbConnection connection, DbTransaction tx, EventLogs.StreamLog stream, string name,
        List<string> checks, List<string> differences, CancellationToken ct)
    {
        var log = stream.Log;
        var recorded = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT log_position FROM event_history WHERE stream = @stream AND outcome = 'dead-lettered'", new { stream = stream.Stream.Name },
            transaction: tx, cancellationToken: ct))).ToHashSet();
        // Streams share one dead-letter log; a street's copies name their stream (cc:events:{street}).
        var copies = (await log.ReadDeadLettersAsync(int.MaxValue, ct))
            .Where(d => !stream.Stream.IsStreet || d.Fields.GetValueOrDefault("originalStream") is { } key && key.EndsWith($":{{{stream.Stream.Name}}}", StringComparison.Ordinal))
            .ToList();
        var inLog = copies.Select(d => d.Fields.GetValueOrDefault("originalId")).OfType<string>().ToHashSet();
        // A dead-letter copy older than everything the log still holds may have gone with it (a FLUSHALL); the history
        // row keeps its fields and reason either way.
        var oldest = (await log.ReadAfterAsync(LogPosition.Start, 1, ct)).FirstOrDefault()?.Position;
        var before = differences.Count;
        foreach (var position in recorded.Where(p => !inLog.Contains(p) && oldest is { } o && LogPosition.Parse(p) >= o))
            Note(differences, $"dead letter{name} {position}: recorded in the history but missing from the dead-letter log");
        checks.Add($"dead letters {(differences.Count == before ? "ok" : "DIFFER")} ({recorded.Count:N0} positions, {copies.Count:N0} dead-letter entries){name}");
    }

    /// <summary>Every entry the log still holds up to the checkpoint has its history row, with the same fields.</summary>
    private async Task CompareStreamAsync(DbConnection connection, DbTransaction tx, EventLogs.StreamLog stream, LogPosition checkpoint, bool requireCaughtUp,
        string name, List<string> checks, List<string> differences, CancellationToken ct)
    {
        var log = stream.Log;
        var streamName = stream.Stream.Name;
        var before = differences.Count;
        long compared = 0, after = 0;
        var cursor = LogPosition.Start;
        LogPosition? first = null;
        var held = new HashSet<string>();
        while (true)
        {
            var page = await log.ReadAfterAsync(cursor, 2_000, ct);
            if (page.Count == 0) break;
            first ??= page[0].Position;
            var positions = page.Where(e => e.Position <= checkpoint).Select(e => e.Position.ToString()).ToList();
            var rows = positions.Count == 0 ? [] : (await connection.QueryAsync<(string Position, string Id, string Type, string Data, string Outcome)>(new CommandDefinition(
                $"SELECT log_position, envelope_id, type, data, outcome FROM event_history WHERE stream = @stream AND {live.Dialect.InList("log_position", "positions")}",
                new { stream = streamName, positions = positions.ToArray() }, tx, cancellationToken: ct))).ToDictionary(r => r.Position);
            foreach (var entry in page)
            {
                if (entry.Position > checkpoint) { after++; continue; }
                compared++;
                var key = entry.Position.ToString();
                held.Add(key);
                if (!rows.TryGetValue(key, out var row))
                    Note(differences, $"log entry{name} {key} ({entry.Fields.GetValueOrDefault(EnvelopeFields.Type)}) is at or before the checkpoint but has no history row: lost");
                else if (row.Outcome != Outcomes.DeadLettered
                    && (row.Id != entry.Fields.GetValueOrDefault(EnvelopeFields.Id) || row.Type != entry.Fields.GetValueOrDefault(EnvelopeFields.Type)
                        || row.Data != entry.Fields.GetValueOrDefault(EnvelopeFields.Data)))
                    Note(differences, $"log entry{name} {key}: its history row holds other fields (envelope {row.Id} {row.Type})");
            }
            cursor = page[^1].Position;
        }
        if (first is { } oldest)
        {
            // From the oldest entry the log still holds onwards (older ones were trimmed), every history row's entry must
            // still be in the log: a row the log does not hold was never appended there.
            var rows = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT log_position FROM event_history WHERE stream = @stream AND seq >= (SELECT MIN(seq) FROM event_history WHERE stream = @stream AND log_position = @oldest)",
                new { stream = streamName, oldest = oldest.ToString() }, tx, cancellationToken: ct));
            foreach (var position in rows.Where(p => !held.Contains(p)))
                Note(differences, $"history row{name} {position} is not in the log, which holds every entry from {oldest} on");
        }
        var pending = await log.PendingCountAsync(Projector.Group, ct);
        if (requireCaughtUp && (after > 0 || pending > 0))
            Note(differences, $"not caught up{name}: {after:N0} log entries after the checkpoint, {pending:N0} pending in the group");
        checks.Add($"log         {(differences.Count == before ? "ok" : "DIFFER")} ({compared:N0} entries checked against the history; {after:N0} after the checkpoint; {pending:N0} pending){name}");
    }

    private static void Note(List<string> differences, string difference) => differences.Add(difference);

    private static string Clip(string? text) => text is null ? "nothing" : TextElements.ClipUnits(text, 160);
}
