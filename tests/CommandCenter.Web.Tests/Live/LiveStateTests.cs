using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Live;

public sealed class LiveStateTests
{
    private readonly InMemoryEventLog _log = new();
    private readonly FakeTimeProvider _time = new(TestEvents.Noon);

    private LiveState Create(FixedSnapshotSource? snapshots = null, TimeProvider? time = null) =>
        new(_log, snapshots ?? new FixedSnapshotSource(), new EnvelopeParser(DistrictModel.Gulou),
            new DistrictReducer(DistrictModel.Gulou), time ?? _time, NullLogger<LiveState>.Instance);

    [Fact]
    public async Task HydrateAsync_SnapshotWithCheckpoint_ReadsOnlyEntriesAfterTheCheckpoint()
    {
        var before = _log.Append(TestEvents.TicketReceived(TestEvents.Noon));
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var parsed = new EnvelopeParser(DistrictModel.Gulou).Parse((await _log.ReadAfterAsync(LogPosition.Start, 1))[0].Fields).Envelope!;
        var hydrated = reducer.Apply(DistrictState.Empty, parsed).State;
        var after = TestEvents.TicketReceived(TestEvents.Noon.AddSeconds(1));
        _log.Append(after);
        var live = Create(new FixedSnapshotSource(hydrated, before));

        await live.HydrateAsync(default);
        var read = await live.PollOnceAsync(default);

        Assert.Equal(1, read);
        Assert.Equal(2, live.Current.State.Tickets.Count);
        Assert.Equal(2, live.Current.State.AppliedCount);
        Assert.Equal(after["id"], live.Current.LastEventId);
        Assert.True(live.Current.IsHydrated);
    }

    [Fact]
    public async Task PollOnceAsync_InvalidEntryAmongValid_SkipsItAndAppliesTheRest()
    {
        var first = TestEvents.TicketReceived(TestEvents.Noon);
        var bad = new Dictionary<string, string>(TestEvents.TicketReceived(TestEvents.Noon.AddSeconds(1))) { ["street"] = "atlantis" };
        var last = TestEvents.TicketReceived(TestEvents.Noon.AddSeconds(2));
        _log.Append(first);
        var badPosition = _log.Append(bad);
        var lastPosition = _log.Append(last);
        var live = Create();
        await live.HydrateAsync(default);

        await live.PollOnceAsync(default);

        Assert.Equal(2, live.Current.State.Tickets.Count);
        Assert.Equal(lastPosition, live.Current.Position);
        Assert.True(live.Current.Position > badPosition);
        Assert.Equal([last["id"], first["id"]], live.Current.Recent.Select(e => e.Id));
    }

    [Fact]
    public async Task PollOnceAsync_RejectedEvent_AdvancesPositionButStaysOutOfTheTicker()
    {
        var received = TestEvents.TicketReceived(TestEvents.Noon);
        _log.Append(received);
        // Same ticket id again: the reducer rejects a second receipt.
        var ticketId = Guid.Parse(System.Text.Json.JsonDocument.Parse(received["data"]).RootElement.GetProperty("ticketId").GetString()!);
        var again = TestEvents.TicketReceived(TestEvents.Noon.AddSeconds(1), ticketId: ticketId);
        var againPosition = _log.Append(again);
        var live = Create();
        await live.HydrateAsync(default);

        await live.PollOnceAsync(default);

        Assert.Equal(againPosition, live.Current.Position);
        Assert.Equal(received["id"], live.Current.LastEventId);
        Assert.Single(live.Current.Recent);
    }

    [Fact]
    public async Task PollOnceAsync_MoreThanFiftyApplied_KeepsTheLatestFiftyNewestFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 70; i++)
        {
            var fields = TestEvents.TicketReceived(TestEvents.Noon.AddSeconds(i));
            ids.Add(fields["id"]);
            _log.Append(fields);
            if (i == 30) _log.Append(TestEvents.IncidentReported(TestEvents.Noon, "no-such-grid"));
        }
        var live = Create();
        await live.HydrateAsync(default);
        await live.PollOnceAsync(default);

        // A second batch, so the ticker is also merged across snapshots.
        var extra = TestEvents.TicketReceived(TestEvents.Noon.AddMinutes(5));
        _log.Append(extra);
        await live.PollOnceAsync(default);

        var recent = live.Current.Recent;
        Assert.Equal(LiveSnapshot.RecentCapacity, recent.Length);
        Assert.Equal(extra["id"], recent[0].Id);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(49), recent.Skip(1).Select(e => e.Id));
    }

    [Fact]
    public async Task PollOnceAsync_EntriesArrive_PublishesNewSnapshotAndRaisesChanged()
    {
        var live = Create();
        await live.HydrateAsync(default);
        var hydrated = live.Current;
        var changes = 0;
        live.Changed += () => changes++;
        _log.Append(TestEvents.TicketReceived(TestEvents.Noon));
        _time.Advance(TimeSpan.FromSeconds(3));

        await live.PollOnceAsync(default);
        await live.PollOnceAsync(default);

        Assert.Equal(1, changes);
        Assert.NotSame(hydrated, live.Current);
        Assert.Empty(hydrated.State.Tickets);
        Assert.Equal(_time.GetUtcNow(), live.Current.LastReceivedAt);
        Assert.Equal(TimeSpan.FromSeconds(3), live.TailLag);
        Assert.Equal(new LiveFreshness(_time.GetUtcNow(), null), live.Freshness);
    }

    [Fact]
    public async Task RunAsync_LogFailsThenRecovers_ExposesErrorThenClearsItAndCatchesUp()
    {
        var snapshots = new FixedSnapshotSource { FailuresLeft = 1 };
        var live = Create(snapshots, TimeProvider.System);
        _log.FailNextReads(2);
        var fields = TestEvents.TicketReceived(DateTimeOffset.UtcNow);
        _log.Append(fields);
        string? sawError = null;
        live.Changed += () => sawError ??= live.LastError;
        using var cts = new CancellationTokenSource();

        var run = live.RunAsync(cts.Token);
        await TestWait.UntilAsync(() => live.LastError is not null || live.Current.LastEventId is not null, "an error shows");
        var error = live.LastError;
        await TestWait.UntilAsync(() => live.Current.LastEventId == fields["id"], "the entry is applied after the failures");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.NotNull(error);
        Assert.Contains("unreachable", error);
        Assert.Null(live.LastError);
        Assert.True(_log.ReadCalls >= 3);
    }

    [Fact]
    public async Task RunAsync_StoppedRightAfterAReadThatFoundEntries_EndsWithCancellation()
    {
        // The token fires between reads, not during a wait: the tail must still end the way a stop during a wait
        // does, or whoever awaits it sees a stop sometimes as cancellation and sometimes as a normal return.
        var live = Create(time: TimeProvider.System);
        using var cts = new CancellationTokenSource();
        live.Applied += _ => cts.Cancel();
        _log.Append(TestEvents.TicketReceived(DateTimeOffset.UtcNow));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => live.RunAsync(cts.Token));
        Assert.Single(live.Current.Recent);
    }

    [Fact]
    public async Task RunAsync_NothingNew_KeepsPollingAndPicksUpLaterEntries()
    {
        var live = Create(time: TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var run = live.RunAsync(cts.Token);
        await TestWait.UntilAsync(() => _log.ReadCalls > 5, "the tail polls an empty log");

        var fields = TestEvents.TicketReceived(DateTimeOffset.UtcNow);
        _log.Append(fields);
        await TestWait.UntilAsync(() => live.Current.LastEventId == fields["id"], "a later entry is applied");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal([fields["id"]], live.Current.Recent.Select(e => e.Id));
    }
}
