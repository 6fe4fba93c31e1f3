using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Support;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>
/// An entry is dead-lettered for repeated delivery only when it fails alone (issue "the log is the truth under every
/// fault", deliverable 2): a batch whose process keeps dying is narrowed down until the culprit is handed out alone,
/// valid entries around it are committed, and the culprit goes to the dead-letter log with a reason that says so.
/// Run on the embedded log and on a real Redis stream alike.
/// </summary>
public abstract class PoisonIsolationTests : IAsyncLifetime
{
    private const int BatchSize = 64;
    protected ProjectionBed Bed { get; private set; } = null!;

    protected abstract IEventLog Log { get; }

    public async Task InitializeAsync() => Bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await Bed.DisposeAsync();

    /// <summary>Starts a projector after each crash, as a supervisor restarts the process; returns how many starts it took.</summary>
    private async Task<int> RunUntilDrainedAsync(IProjectorFaults faults)
    {
        for (var start = 1; start <= 100; start++)
        {
            var projector = Bed.NewProjector($"process-{start}", Log, batchSize: BatchSize, faults: faults);
            try
            {
                await ProjectionBed.DrainAsync(projector);
                return start;
            }
            catch (SimulatedCrashException)
            {
                // the process is gone; its batch stays pending with the group
            }
        }
        throw new InvalidOperationException("the projector never drained the log");
    }

    private async Task<List<Dictionary<string, string>>> AppendDayAsync(int times = 3)
    {
        var entries = Enumerable.Range(0, times).SelectMany(_ => Bed.Events.MixedDay()).ToList();
        await Log.AppendAsync(entries);
        return entries;
    }

    [Fact]
    public async Task RunOnceAsync_ProcessDiesThreeTimesWithABatchInFlight_CommitsEveryEntryAndDeadLettersNone()
    {
        var entries = await AppendDayAsync();
        var faults = CrashingFaults.BeforeEveryCommit(times: 3);

        var starts = await RunUntilDrainedAsync(faults);

        Assert.Equal(4, starts);
        Assert.Empty(await Log.ReadDeadLettersAsync(10));
        var stored = await Bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(await ReplayAsync()), ProjectionBed.Entities(stored.State));
        Assert.Equal(entries.Count, stored.Counters.Total);
        Assert.Equal(0, stored.Counters.DeadLettered);
        Assert.Equal(0, await Log.PendingCountAsync(Projector.Group));
    }

    [Fact]
    public async Task RunOnceAsync_AnEntryThatKillsTheProcessEveryTime_IsDeadLetteredAloneAndEverythingElseCommitted()
    {
        var entries = await AppendDayAsync();
        var poison = entries[entries.Count / 2];
        var poisonId = poison[EnvelopeFields.Id];

        var starts = await RunUntilDrainedAsync(CrashingFaults.OnEnvelope(poisonId));

        // At most: its first delivery, one per narrowing of the window, then three failures alone, then the start that drains.
        Assert.InRange(starts, 2, 1 + FirstAloneDelivery(new ProjectorOptions { BatchSize = BatchSize }) + 3);
        var dead = Assert.Single(await Log.ReadDeadLettersAsync(10));
        Assert.Equal(poisonId, dead.Fields[EnvelopeFields.Id]);
        Assert.StartsWith("failed alone: the projector stopped each of the 3 times it was handed this entry alone", dead.Fields["reason"]);

        var stored = await Bed.Store.LoadProjectionAsync();
        var withoutPoison = await ReplayAsync(skipId: poisonId);
        Assert.Equal(ProjectionBed.Entities(withoutPoison), ProjectionBed.Entities(stored.State));
        Assert.Equal(1, stored.Counters.DeadLettered);
        Assert.Equal(1, stored.Counters.Markers);
        Assert.Equal(entries.Count + 1, stored.Counters.Total); // every entry, plus the notice the projector appended
        Assert.Equal(entries.Count + 1, await Bed.CountAsync("SELECT COUNT(DISTINCT log_position) FROM event_history"));
        Assert.Equal(0, await Log.PendingCountAsync(Projector.Group));

        var notice = Assert.Single(await Log.ReadAfterAsync(LogPosition.Start, 10_000), e => e.Fields[EnvelopeFields.Type] == EventTypes.LogDeadLettered);
        Assert.Contains(dead.Fields["originalId"], notice.Fields[EnvelopeFields.Data]);
    }

    [Fact]
    public async Task RunOnceAsync_AnEntryRedeliveredAfterCrashesAmongOthers_IsAppliedNotDeadLettered()
    {
        var ticket = Bed.Events.Next(new TicketReceived(Guid.NewGuid(), "12345", "noise", "噪音", "138****0000", Bed.Events.Now.AddDays(3)));
        await Log.AppendAsync([ticket]);
        await Log.EnsureGroupAsync(Projector.Group);
        // Three consumers in turn take it and die without acknowledging: it was never alone in a window that failed.
        Assert.Single(await Log.ReadGroupAsync(Projector.Group, "dead-1", 10));
        Assert.Single(await Log.ClaimStaleAsync(Projector.Group, "dead-2", TimeSpan.Zero, 10));
        Assert.Single(await Log.ClaimStaleAsync(Projector.Group, "dead-3", TimeSpan.Zero, 10));

        await ProjectionBed.DrainAsync(Bed.NewProjector("projector-4", Log, batchSize: BatchSize));

        Assert.Empty(await Log.ReadDeadLettersAsync(10));
        Assert.Equal(1, (await Bed.Store.LoadProjectionAsync()).Counters.Applied);
    }

    [Fact]
    public void RedeliveryWindow_ShrinksByQuartersToOne()
    {
        var options = new ProjectorOptions { BatchSize = 2000 };

        Assert.Equal([2000, 500, 125, 31, 7, 1, 1], Enumerable.Range(1, 7).Select(options.RedeliveryWindow));
        Assert.Equal(-1, options.FailuresAlone(6));
        Assert.Equal(0, options.FailuresAlone(7));
        Assert.Equal(3, options.FailuresAlone(10));
    }

    private static int FirstAloneDelivery(ProjectorOptions options) => Enumerable.Range(1, 64).First(d => options.RedeliveryWindow(d) == 1);

    private async Task<Core.State.DistrictState> ReplayAsync(string? skipId = null)
    {
        var state = Core.State.DistrictState.Empty;
        foreach (var entry in await Log.ReadAfterAsync(LogPosition.Start, 1_000_000))
        {
            if (Bed.Parser.Parse(entry).Envelope is { } envelope && envelope.Id != skipId)
                state = Bed.Reducer.Apply(state, envelope).State;
        }
        return state;
    }
}

public sealed class SqlitePoisonIsolationTests : PoisonIsolationTests
{
    protected override IEventLog Log => Bed.Log;
}

public sealed class RedisPoisonIsolationTests : PoisonIsolationTests
{
    private readonly IEventLog _log = RedisServer.NewLog(out _);

    protected override IEventLog Log => _log;
}
