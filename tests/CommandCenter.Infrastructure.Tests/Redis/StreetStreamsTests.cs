using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using CommandCenter.Infrastructure.Verification;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>
/// One stream per street (docs/decisions/0014), two streets on one Redis and one database (SQLite, or PostgreSQL with
/// CC_TEST_DATABASE=postgres): the router sends each envelope to its street's stream in order, each stream's projector
/// progresses, is fenced and restarts on its own, and `cc verify` checks each stream.
/// </summary>
public sealed class StreetStreamsTests : IAsyncLifetime
{
    private const string North = Scenario.Street;   // ninghailu
    private const string South = "huaqiaolu";

    private ProjectionBed _bed = null!;
    private string _baseKey = "";
    private EventLogStreams _streams = null!;

    public async Task InitializeAsync()
    {
        _bed = await ProjectionBed.CreateAsync();
        _baseKey = $"test:{Guid.NewGuid():N}";
        _streams = new EventLogStreams([Stream(North), Stream(South)]);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private StreamLog Stream(string street)
    {
        var stream = new ProjectionStream(street);
        return new StreamLog(stream, new RedisEventLog(RedisServer.Connection, stream.StreamKey(_baseKey), _baseKey + ":dead", namesStream: true));
    }

    private StreamLog Of(string street) => _streams.ForStreet(street)!;

    private ProjectionStore StoreOf(string street) => new(_bed.Database.Factory, _bed.Parser, _bed.Reducer, new ProjectionStream(street));

    private Projector NewProjector(string street, string consumer = "projector-1", int batchSize = 500, int snapshotEvery = 50_000) =>
        new(Of(street).Log, StoreOf(street), new ProjectionWriter(_bed.Database.Factory, _bed.Time, new ProjectionStream(street)), _bed.Parser, _bed.Reducer,
            Options.Create(new ProjectorOptions { BatchSize = batchSize, ConsumerName = consumer, SnapshotEvery = snapshotEvery }),
            new ProjectorStatus(), _bed.Time, NullLogger<Projector>.Instance);

    /// <summary>A mixed day of <paramref name="street"/>: the scenario's 宁海路 day with every code moved to that street.</summary>
    private List<Dictionary<string, string>> DayOf(string street) =>
        [.. _bed.Events.MixedDay().Select(e => e.ToDictionary(f => f.Key, f => f.Value.Replace(North, street, StringComparison.Ordinal)))];

    /// <summary>The reducer over one stream alone, from Empty: what that stream's projection must equal.</summary>
    private async Task<DistrictState> ReplayAsync(string street)
    {
        var state = DistrictState.Empty;
        foreach (var entry in await Of(street).Log.ReadAfterAsync(LogPosition.Start, 1_000_000))
        {
            if (_bed.Parser.Parse(entry.Fields).Envelope is { } envelope && Projector.WrongStreet(new ProjectionStream(street), envelope) is null)
                state = _bed.Reducer.Apply(state, envelope).State;
        }
        return state;
    }

    private async Task AssertEachStreamEqualsItsReplayAsync()
    {
        foreach (var street in new[] { North, South })
        {
            var stored = await StoreOf(street).LoadProjectionAsync();
            var replay = await ReplayAsync(street);
            Assert.Equal(ProjectionBed.Entities(replay), ProjectionBed.Entities(stored.State));
            Assert.True(stored.State.Recent.SameAs(replay.Recent), $"the idempotency window of {street} differs from its replay");
            Assert.All(stored.State.Tickets.Values, t => Assert.Equal(street, t.Street));
        }
    }

    private Task<VerifyReport> VerifyAsync() =>
        new LogVerifier(_bed.Database.Factory, _streams.All[0].Log, _bed.Parser, _bed.Reducer, _streams).VerifyAsync(requireCaughtUp: true);

    [Fact]
    public async Task AppendAsync_ABatchOfTwoStreetsInterleaved_EachEntryGoesToItsStreetsStreamInItsOrder()
    {
        var north = DayOf(North);
        var south = DayOf(South);
        var interleaved = north.Zip(south).SelectMany(pair => new[] { pair.First, pair.Second }).ToList();
        var router = new StreetRoutedEventLog(_streams);

        var positions = await router.AppendAsync([.. interleaved]);

        Assert.Equal(interleaved.Count, positions.Count);
        foreach (var (street, expected) in new[] { (North, north.Take(interleaved.Count / 2)), (South, south.Take(interleaved.Count / 2)) })
        {
            var held = await Of(street).Log.ReadAfterAsync(LogPosition.Start, 1_000);
            Assert.Equal(expected.Select(e => e[EnvelopeFields.Id]), held.Select(e => e.Fields[EnvelopeFields.Id]));
        }
    }

    [Fact]
    public async Task AppendAsync_AnEntryOfAStreetWithNoStream_RefusedAndNothingAppended()
    {
        var router = new StreetRoutedEventLog(_streams);
        var entries = DayOf(North).Take(3).Append(_bed.Events.Next(new IncidentAccepted(Guid.NewGuid()), street: "gotham")).ToList();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => router.AppendAsync([.. entries]));

        Assert.Contains("'gotham'", refused.Message);
        Assert.Empty(await Of(North).Log.ReadAfterAsync(LogPosition.Start, 10));
    }

    [Fact]
    public async Task ReadManyAfterAsync_TwoStreams_OneNonBlockingReadReturnsEachStreamAfterItsOwnCursor()
    {
        var north = await Of(North).Log.AppendAsync([.. DayOf(North).Take(5)]);
        var south = await Of(South).Log.AppendAsync([.. DayOf(South).Take(4)]);
        var keys = _streams.All.ToDictionary(s => s.Stream.Name, s => ((RedisEventLog)s.Log).StreamKey);

        var read = await RedisEventLog.ReadManyAfterAsync(RedisServer.Connection,
            new Dictionary<string, LogPosition> { [keys[North]] = north[1], [keys[South]] = LogPosition.Start }, countPerStream: 100);

        Assert.Equal(north.Skip(2), read[keys[North]].Select(e => e.Position));
        Assert.Equal(south, read[keys[South]].Select(e => e.Position));
        var none = await RedisEventLog.ReadManyAfterAsync(RedisServer.Connection,
            new Dictionary<string, LogPosition> { [keys[North]] = north[^1], [keys[South]] = south[^1] }, countPerStream: 100);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Projectors_OfTwoStreams_ProgressIndependentlyAndConcurrentlyWithoutConflictOrDoubleCount()
    {
        var router = new StreetRoutedEventLog(_streams);
        var north = await router.AppendAsync([.. DayOf(North)]);
        await router.AppendAsync([.. DayOf(South)]);

        // Only 宁海路's projector runs: 华侨路's stream waits, untouched.
        await ProjectionBed.DrainAsync(NewProjector(North, batchSize: 7));
        Assert.Equal(north[^1], await StoreOf(North).CheckpointAsync());
        Assert.Equal(LogPosition.Start, await StoreOf(South).CheckpointAsync());
        Assert.Empty((await StoreOf(South).LoadProjectionAsync()).State.Tickets);

        // Both streams at once, in small batches: commits of the two interleave on one database.
        await router.AppendAsync([.. DayOf(North)]);
        var south = await router.AppendAsync([.. DayOf(South)]);
        await Task.WhenAll(Task.Run(() => ProjectionBed.DrainAsync(NewProjector(North, "projector-2", batchSize: 3))),
            Task.Run(() => ProjectionBed.DrainAsync(NewProjector(South, batchSize: 3))));

        Assert.Equal(south[^1], await StoreOf(South).CheckpointAsync());
        await AssertEachStreamEqualsItsReplayAsync();
        var northCounters = (await StoreOf(North).LoadProjectionAsync()).Counters;
        var southCounters = (await StoreOf(South).LoadProjectionAsync()).Counters;
        Assert.Equal(2 * DayOf(North).Count, northCounters.Total);
        Assert.Equal(northCounters, southCounters);
        Assert.Equal(northCounters.Total + southCounters.Total, await _bed.CountAsync("SELECT COUNT(*) FROM event_history"));
        // The one stream's rows are untouched.
        Assert.Equal(0, await _bed.CountAsync("SELECT value FROM counters WHERE name = 'applied'"));
        Assert.True((await VerifyAsync()).IsClean);
    }

    [Fact]
    public async Task CommitAsync_ADeposedProjectorOfOneStream_IsFencedOffWhileTheOtherStreamCommits()
    {
        await Of(North).Log.AppendAsync([.. DayOf(North)]);
        await Of(South).Log.AppendAsync([.. DayOf(South)]);
        var deposed = NewProjector(North, "deposed", batchSize: 5);
        var south = NewProjector(South, "south", batchSize: 5);
        await deposed.RunOnceAsync();
        await south.RunOnceAsync();

        // 宁海路's projector froze past its lease; a new leader of 宁海路 takes its fence. 华侨路 is not concerned.
        var leader = NewProjector(North, "leader", batchSize: 5);
        await leader.InitializeAsync();

        await Assert.ThrowsAsync<FencedOffException>(() => deposed.RunOnceAsync());
        Assert.True(await south.RunOnceAsync() > 0);
        Assert.Equal(1, south.Fence);
        Assert.Equal(2, leader.Fence);

        _bed.Time.Advance(TimeSpan.FromSeconds(31)); // what the deposed one took is idle long enough to be taken over
        await ProjectionBed.DrainAsync(leader);
        await ProjectionBed.DrainAsync(south);
        await AssertEachStreamEqualsItsReplayAsync();
        Assert.True((await VerifyAsync()).IsClean);
    }

    [Fact]
    public async Task TryAcquireAsync_LeasesOfTwoStreams_HeldByTwoInstancesAtOnce()
    {
        var lease = TimeSpan.FromSeconds(2);
        var keys = _streams.All.Select(s => $"{((RedisEventLog)s.Log).StreamKey}:projector:lease").ToList();
        await using var aNorth = new RedisProjectorLease(RedisServer.Connection, keys[0], "instance-a", lease);
        await using var bSouth = new RedisProjectorLease(RedisServer.Connection, keys[1], "instance-b", lease);
        await using var bNorth = new RedisProjectorLease(RedisServer.Connection, keys[0], "instance-b", lease);

        Assert.True(await aNorth.TryAcquireAsync());
        Assert.True(await bSouth.TryAcquireAsync());
        Assert.False(await bNorth.TryAcquireAsync());
        Assert.Equal("instance-a", bNorth.Holder);
        Assert.EndsWith(":{ninghailu}:projector:lease", keys[0]);
    }

    [Fact]
    public async Task InitializeAsync_RestartOfOneStream_StartsFromThatStreamsOwnSnapshot()
    {
        await Of(North).Log.AppendAsync([.. DayOf(North)]);
        await Of(South).Log.AppendAsync([.. DayOf(South)]);
        var north = NewProjector(North, batchSize: 7, snapshotEvery: 10);
        var south = NewProjector(South, batchSize: 7, snapshotEvery: 10);
        await ProjectionBed.DrainAsync(north);
        await ProjectionBed.DrainAsync(south);
        await north.SnapshotWrittenAsync();
        await south.SnapshotWrittenAsync();
        var southSnapshots = await _bed.CountAsync("SELECT COUNT(*) FROM state_snapshots WHERE stream = @s", new { s = South });
        Assert.True(await _bed.CountAsync("SELECT COUNT(*) FROM state_snapshots WHERE stream = @s", new { s = North }) > 0);
        Assert.True(southSnapshots > 0);

        // 宁海路 restarts (a new leader) while more arrives; 华侨路 goes on with its running projector.
        await Of(North).Log.AppendAsync([.. DayOf(North)]);
        var restarted = NewProjector(North, "restarted", batchSize: 7, snapshotEvery: 10);
        await restarted.InitializeAsync();
        Assert.Equal(ProjectionBed.Entities(north.State), ProjectionBed.Entities(restarted.State));
        await ProjectionBed.DrainAsync(restarted);
        await restarted.SnapshotWrittenAsync();

        await AssertEachStreamEqualsItsReplayAsync();
        Assert.Equal(southSnapshots, await _bed.CountAsync("SELECT COUNT(*) FROM state_snapshots WHERE stream = @s", new { s = South }));
        Assert.True((await VerifyAsync()).IsClean);
    }

    [Fact]
    public async Task RunOnceAsync_AnEnvelopeOfAnotherStreetOnAStreetsStream_DeadLetteredWithANoticeOnThatStream()
    {
        var stray = DayOf(South)[0];
        var positions = await Of(North).Log.AppendAsync([.. DayOf(North).Take(3), stray]);

        await ProjectionBed.DrainAsync(NewProjector(North));

        var dead = Assert.Single(await Of(North).Log.ReadDeadLettersAsync(10));
        Assert.Equal(positions[3].ToString(), dead.Fields["originalId"]);
        Assert.Equal(((RedisEventLog)Of(North).Log).StreamKey, dead.Fields["originalStream"]);
        Assert.Contains("street 'huaqiaolu' does not belong on the stream of ninghailu", dead.Fields["reason"]);
        // The notice is on 宁海路's stream, written for 宁海路 (else it would itself be refused there).
        var notice = (await Of(North).Log.ReadAfterAsync(positions[3], 10)).Single();
        Assert.Equal(EventTypes.LogDeadLettered, notice.Fields[EnvelopeFields.Type]);
        Assert.Equal(North, notice.Fields[EnvelopeFields.Street]);
        await ProjectionBed.DrainAsync(NewProjector(North));
        Assert.True((await VerifyAsync()).IsClean, string.Join("\n", (await VerifyAsync()).Differences));
    }

    [Fact]
    public async Task VerifyAsync_TwoStreams_CleanPerStreamAndNamesATamperedRowOfOne()
    {
        var router = new StreetRoutedEventLog(_streams);
        await router.AppendAsync([.. DayOf(North), .. DayOf(South)]);
        await ProjectionBed.DrainAsync(NewProjector(North, batchSize: 9, snapshotEvery: 20));
        var south = NewProjector(South, batchSize: 9, snapshotEvery: 20);
        await ProjectionBed.DrainAsync(south);
        await south.SnapshotWrittenAsync();

        var clean = await VerifyAsync();
        Assert.True(clean.IsClean, string.Join("\n", clean.Differences));
        Assert.Contains(clean.Checks, c => c.Contains("(2 streams, each on its own)"));
        Assert.Contains(clean.Checks, c => c.StartsWith("checkpoint  ok", StringComparison.Ordinal) && c.EndsWith("[huaqiaolu]", StringComparison.Ordinal));
        Assert.Contains(clean.Checks, c => c.StartsWith("log         ok", StringComparison.Ordinal) && c.EndsWith("[ninghailu]", StringComparison.Ordinal));

        await using (var connection = await _bed.Database.Factory.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE tickets SET status = 'closed' WHERE id = (SELECT MIN(id) FROM tickets WHERE street = @s)", new { s = South });
            await connection.ExecuteAsync("""
                UPDATE event_history SET outcome = 'rejected' WHERE seq = (SELECT MAX(seq) FROM event_history WHERE stream = @s AND outcome = 'applied')
                """, new { s = South });
        }
        var tampered = await VerifyAsync();

        Assert.False(tampered.IsClean);
        Assert.Contains(tampered.Differences, d => d.StartsWith("tickets ", StringComparison.Ordinal) && d.Contains("database"));
        Assert.Contains(tampered.Differences, d => d.StartsWith("history [huaqiaolu] ", StringComparison.Ordinal));
        Assert.DoesNotContain(tampered.Differences, d => d.Contains("[ninghailu]"));
    }
}
