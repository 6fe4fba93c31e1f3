using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Dapper;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>
/// After any sequence of crashes, restarts and redeliveries the database equals a clean replay of the whole log:
/// same entities, one history row per log position (duplicates included), counters equal to the history, and the
/// same duplicate decisions as the replay (issue "the log is the truth under every fault", deliverables 4 and 5).
/// </summary>
public sealed class ExactnessTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task RunOnceAsync_CrashesAtRandomMomentsWithCopiesResent_DatabaseEqualsACleanReplay(int seed)
    {
        var random = new Random(seed);
        // Crashes at random, but never while one entry is projected alone: failing alone is what marks a poison entry
        // (PoisonIsolationTests), and three such failures would rightly dead-letter it.
        var faults = new CrashingFaults(reduced => reduced.Count > 1 && random.Next(4) == 0);
        var copies = new List<Dictionary<string, string>>();
        for (var round = 0; round < 6; round++)
        {
            var day = _bed.Events.MixedDay();
            copies.AddRange(day.Where(_ => random.Next(5) == 0));
            await _bed.AppendAsync(day);
            // A producer re-sends some envelopes after restarts: same ids, new log positions.
            await _bed.AppendAsync(copies.Where(_ => random.Next(2) == 0));
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var projector = _bed.NewProjector($"process-{round}-{attempt}", batchSize: 1 + random.Next(12), faults: faults, snapshotEvery: 25);
                try
                {
                    await ProjectionBed.DrainAsync(projector);
                    await projector.SnapshotWrittenAsync();
                    break;
                }
                catch (SimulatedCrashException)
                {
                    await projector.SnapshotWrittenAsync();
                }
            }
        }
        await ProjectionBed.DrainAsync(_bed.NewProjector("last"));

        await AssertEqualsACleanReplayAsync();
        Assert.Equal(0, (await _bed.Store.LoadProjectionAsync()).Counters.DeadLettered);
        Assert.True(faults.Crashes > 0, "the run should have crashed at least once");
        Assert.True(await _bed.CountAsync("SELECT COUNT(*) FROM state_snapshots") > 0, "snapshots should have been stored");
    }

    [Fact]
    public async Task RunOnceAsync_ItemsClosedAndArchivedInOneBatch_AreWrittenAsTheyWereWhenClosed()
    {
        // A long backlog drained in big batches: the daily archive notice lands in the same batch as the last changes
        // of the items it takes out of the hot state.
        var ticket = Guid.NewGuid();
        var incident = Guid.NewGuid();
        var entries = _bed.Events.TicketLifecycle(ticket).Concat(_bed.Events.IncidentLifecycle(incident)).ToList();
        var now = _bed.Events.Now.AddDays(10);
        entries.Add(EnvelopeWriter.ToFields(new LogArchived(now, now.AddDays(-1)), Scenario.Street, LogArchived.Source, now));
        await _bed.AppendAsync(entries);

        var projector = _bed.NewProjector(batchSize: 500);
        await ProjectionBed.DrainAsync(projector);

        Assert.False(projector.State.Tickets.ContainsKey(ticket), "the notice should have archived the closed ticket");
        Assert.Equal(0, (await _bed.Store.LoadProjectionAsync()).Counters.DeadLettered);
        // Each row is the item's last version: the one its last event (before the notice) made.
        var rows = await _bed.EntityRowsAsync();
        var lastTicketEvent = entries[5][EnvelopeFields.Id];
        var lastIncidentEvent = entries[11][EnvelopeFields.Id];
        Assert.Contains(rows, r => r.StartsWith($"tickets|{ticket}|", StringComparison.Ordinal) && r.Contains($"|{lastTicketEvent}|", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith($"incidents|{incident}|", StringComparison.Ordinal) && r.Contains($"|{lastIncidentEvent}|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadProjectionAsync_FromASnapshotAndTheRowsAfterIt_EqualsTheProjectorsState()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var projector = _bed.NewProjector(batchSize: 10, snapshotEvery: 15);
        await ProjectionBed.DrainAsync(projector);
        await projector.SnapshotWrittenAsync();
        await _bed.AppendAsync(_bed.Events.MixedDay()); // rows after the newest snapshot
        await ProjectionBed.DrainAsync(projector);
        await projector.SnapshotWrittenAsync();

        var stored = await _bed.Store.LoadProjectionAsync();

        Assert.InRange(await _bed.CountAsync("SELECT COUNT(*) FROM state_snapshots"), 1, 3);
        Assert.Equal(ProjectionBed.Entities(projector.State), ProjectionBed.Entities(stored.State));
        Assert.True(projector.State.Recent.SameAs(stored.State.Recent), "the idempotency windows differ");
        Assert.Equal(projector.State.AppliedCount, stored.State.AppliedCount);
    }

    [Fact]
    public async Task LoadProjectionAsync_ASnapshotOfAnotherReducerVersion_IsIgnoredAndTheStateRebuiltFromHistory()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var projector = _bed.NewProjector(snapshotEvery: 5);
        await ProjectionBed.DrainAsync(projector);
        await projector.SnapshotWrittenAsync();
        await using (var connection = await _bed.Database.Factory.OpenAsync())
            // A snapshot an older build wrote, of a state that never was: it must not be trusted.
            await connection.ExecuteAsync("UPDATE state_snapshots SET reducer_version = @old, body = @body",
                new { old = DistrictReducer.Version - 1, body = new byte[] { 1, 2, 3 } });

        var stored = await _bed.Store.LoadProjectionAsync();

        Assert.Equal(ProjectionBed.Entities(await _bed.ReplayLogAsync()), ProjectionBed.Entities(stored.State));
    }

    [Fact]
    public async Task CommitAsync_ADeposedProjectorResumesAfterANewLeaderInitialized_IsFencedOffAndCommitsNothing()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var deposed = _bed.NewProjector("deposed", batchSize: 10);
        await deposed.RunOnceAsync();
        // It froze (SIGSTOP) past its lease: a new leader took over and drained the log; then the old one resumes.
        var leader = _bed.NewProjector("leader", batchSize: 10);
        await ProjectionBed.DrainAsync(leader);
        await _bed.AppendAsync(_bed.Events.MixedDay());

        await Assert.ThrowsAsync<FencedOffException>(() => deposed.RunOnceAsync());

        _bed.Time.Advance(TimeSpan.FromSeconds(31)); // what the deposed one took is idle long enough to be taken over
        await ProjectionBed.DrainAsync(leader);
        await AssertEqualsACleanReplayAsync();
    }

    [Fact]
    public async Task CommitAsync_TwoProjectorsStartedFromTheSameCheckpoint_OnlyTheLaterOneCommits()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var first = _bed.NewProjector("first", batchSize: 5);
        var second = _bed.NewProjector("second", batchSize: 5);
        await first.InitializeAsync();
        await second.InitializeAsync();

        await Assert.ThrowsAsync<FencedOffException>(() => first.RunOnceAsync());
        await ProjectionBed.DrainAsync(second);

        await AssertEqualsACleanReplayAsync();
    }

    /// <summary>DB == replay: entities, window, one history row per position, counters equal to the history.</summary>
    private async Task AssertEqualsACleanReplayAsync()
    {
        var log = await _bed.Log.ReadAfterAsync(LogPosition.Start, 1_000_000);
        var replay = Core.State.DistrictState.Empty;
        var outcomes = new Dictionary<string, string>();
        foreach (var entry in log)
        {
            var envelope = _bed.Parser.Parse(entry).Envelope!;
            var reduction = _bed.Reducer.Apply(replay, envelope);
            replay = reduction.State;
            outcomes[entry.Position.ToString()] = Outcomes.Of(reduction.Outcome);
        }
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(replay), ProjectionBed.Entities(stored.State));
        Assert.True(replay.Recent.SameAs(stored.State.Recent), "the idempotency windows differ");
        Assert.Equal(log[^1].Position, stored.Checkpoint);

        await using var connection = await _bed.Database.Factory.OpenAsync();
        var history = (await connection.QueryAsync<(string Position, string Outcome)>("SELECT log_position, outcome FROM event_history ORDER BY seq")).ToList();
        Assert.Equal(log.Select(e => e.Position.ToString()), history.Select(h => h.Position));
        Assert.Equal(outcomes, history.ToDictionary(h => h.Position, h => h.Outcome));
        Assert.Equal(history.Count(h => h.Outcome == Outcomes.Applied), stored.Counters.Applied);
        Assert.Equal(history.Count(h => h.Outcome == Outcomes.Rejected), stored.Counters.Rejected);
        Assert.Equal(history.Count(h => h.Outcome == Outcomes.Duplicate), stored.Counters.Duplicates);
        Assert.Equal(replay.AppliedCount, stored.Counters.Applied);
        Assert.Equal(ProjectionBed.Entities(replay), await EntityTablesAsync(connection));
        Assert.Equal(0, await _bed.Log.PendingCountAsync(Projector.Group));
    }

    /// <summary>The entity tables' bodies, as the state's entities are compared.</summary>
    private static async Task<SortedDictionary<string, string>> EntityTablesAsync(System.Data.Common.DbConnection connection)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (table, kind) in new[] { ("incidents", "incident"), ("tickets", "ticket"), ("whistles", "whistle"), ("dispatches", "dispatch"), ("teams", "team") })
            foreach (var (id, body) in await connection.QueryAsync<(string Id, string Body)>($"SELECT id, body FROM {table}"))
                all[$"{kind}:{id}"] = body;
        return all;
    }
}
