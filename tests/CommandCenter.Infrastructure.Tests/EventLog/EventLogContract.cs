using CommandCenter.Core.EventLog;

namespace CommandCenter.Infrastructure.Tests.EventLog;

/// <summary>
/// The behaviour every <see cref="IEventLog"/> adapter must show (docs/conventions.md: one contract suite, run against each
/// adapter). Adapter-neutral: positions are only compared, never spelled out, and idle time is either faked
/// (<see cref="LetTimePassAsync"/>) or real, with every wait a bounded poll.
/// </summary>
public abstract class EventLogContract
{
    protected const string Group = "contract-group";
    private static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(10);

    /// <summary>A fresh, empty log for one test.</summary>
    protected abstract Task<IEventLog> CreateLogAsync();

    /// <summary>
    /// Lets at least <paramref name="by"/> of idle time pass for pending entries. Adapters on a fake clock advance it;
    /// adapters on real time keep this default and the tests poll until the time has really passed.
    /// </summary>
    protected virtual Task LetTimePassAsync(TimeSpan by) => Task.CompletedTask;

    protected static IReadOnlyDictionary<string, string> Entry(int n) => new Dictionary<string, string>
    {
        ["id"] = $"00000000-0000-0000-0000-{n:D12}",
        ["n"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["text"] = $"鼓楼区 <b>#{n}</b> \"quoted\"",
    };

    protected static async Task<IReadOnlyList<LogPosition>> AppendAsync(IEventLog log, int from, int to)
    {
        var positions = new List<LogPosition>();
        for (var n = from; n <= to; n++)
            positions.AddRange(await log.AppendAsync([Entry(n)]));
        return positions;
    }

    private static IEnumerable<string> Numbers(IEnumerable<LogEntry> entries) => entries.Select(e => e.Fields["n"]);

    private static string[] Numbers(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static async Task<IReadOnlyList<LogEntry>> PollClaimAsync(IEventLog log, string consumer, TimeSpan minIdle, int count)
    {
        var deadline = DateTime.UtcNow + PollDeadline;
        while (true)
        {
            var claimed = await log.ClaimStaleAsync(Group, consumer, minIdle, count);
            if (claimed.Count > 0 || DateTime.UtcNow > deadline)
                return claimed;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task AppendAsync_OneAtATime_ReturnsIncreasingPositions()
    {
        var log = await CreateLogAsync();

        var positions = await AppendAsync(log, 1, 5);

        Assert.Equal(5, positions.Count);
        Assert.All(positions.Zip(positions.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
        Assert.True(positions[0] > LogPosition.Start);
    }

    [Fact]
    public async Task AppendAsync_Batch_KeepsOrderPositionsAndFields()
    {
        var log = await CreateLogAsync();

        var positions = await log.AppendAsync([Entry(1), Entry(2), Entry(3)]);
        var read = await log.ReadAfterAsync(LogPosition.Start, 10);

        Assert.Equal(positions, read.Select(e => e.Position));
        Assert.Equal(Numbers(1, 3), Numbers(read));
        Assert.Equal(Entry(2), read[1].Fields);
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_AppendsNothing()
    {
        var log = await CreateLogAsync();

        var positions = await log.AppendAsync([]);

        Assert.Empty(positions);
        Assert.Equal(0, (await log.InfoAsync(Group)).Length);
    }

    [Fact]
    public async Task ReadGroupAsync_SuccessiveReads_DeliverEachEntryOnceInOrder()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 5);

        var first = await log.ReadGroupAsync(Group, "a", 3);
        var second = await log.ReadGroupAsync(Group, "b", 3);
        var third = await log.ReadGroupAsync(Group, "a", 3);

        Assert.Equal(Numbers(1, 3), Numbers(first));
        Assert.Equal(Numbers(4, 5), Numbers(second));
        Assert.Empty(third);
        Assert.All(first.Concat(second), e => Assert.Equal(1, e.DeliveryCount));
    }

    [Fact]
    public async Task ReadGroupAsync_EmptyLog_ReturnsNothingAtOnce()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);

        var read = await log.ReadGroupAsync(Group, "a", 10);

        Assert.Empty(read);
    }

    [Fact]
    public async Task EnsureGroupAsync_CalledTwice_StartsAtBeginningAndKeepsProgress()
    {
        var log = await CreateLogAsync();
        await AppendAsync(log, 1, 3);
        await log.EnsureGroupAsync(Group);

        var first = await log.ReadGroupAsync(Group, "a", 2);
        await log.EnsureGroupAsync(Group);
        var rest = await log.ReadGroupAsync(Group, "a", 10);

        Assert.Equal(Numbers(1, 2), Numbers(first));
        Assert.Equal(Numbers(3, 3), Numbers(rest));
    }

    [Fact]
    public async Task AcknowledgeAsync_DeliveredEntries_LeaveThePendingList()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 4);
        var read = await log.ReadGroupAsync(Group, "a", 4);
        Assert.Equal(4, await log.PendingCountAsync(Group));

        await log.AcknowledgeAsync(Group, [read[0].Position, read[2].Position]);

        Assert.Equal(2, await log.PendingCountAsync(Group));
        await log.AcknowledgeAsync(Group, [read[1].Position, read[3].Position]);
        Assert.Equal(0, await log.PendingCountAsync(Group));
    }

    [Fact]
    public async Task ClaimStaleAsync_UnacknowledgedAfterIdle_ReclaimedInOrderWithDeliveryCountIncremented()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 4);
        var read = await log.ReadGroupAsync(Group, "crashed", 4);
        await log.AcknowledgeAsync(Group, [read[1].Position]);
        var minIdle = TimeSpan.FromMilliseconds(300);

        await LetTimePassAsync(minIdle);
        var claimed = await PollClaimAsync(log, "rescuer", minIdle, 10);

        Assert.Equal(["1", "3", "4"], Numbers(claimed));
        Assert.Equal([read[0].Position, read[2].Position, read[3].Position], claimed.Select(e => e.Position));
        Assert.All(claimed, e => Assert.Equal(2, e.DeliveryCount));
        Assert.Equal(Entry(3), claimed[1].Fields);
        Assert.Equal(3, await log.PendingCountAsync(Group));
    }

    [Fact]
    public async Task ClaimStaleAsync_JustClaimed_NotClaimableAgainUntilIdle()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 2);
        await log.ReadGroupAsync(Group, "crashed", 2);
        var minIdle = TimeSpan.FromMilliseconds(300);
        await LetTimePassAsync(minIdle);
        Assert.Equal(2, (await PollClaimAsync(log, "rescuer", minIdle, 10)).Count);

        var again = await log.ClaimStaleAsync(Group, "other", TimeSpan.FromMinutes(10), 10);
        await LetTimePassAsync(minIdle);
        var later = await PollClaimAsync(log, "other", minIdle, 10);

        Assert.Empty(again);
        Assert.All(later, e => Assert.Equal(3, e.DeliveryCount));
        Assert.Equal(2, later.Count);
    }

    [Fact]
    public async Task ClaimStaleAsync_YoungerThanMinIdle_NotClaimed()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 3);
        await log.ReadGroupAsync(Group, "busy", 3);

        var claimedAtOnce = await log.ClaimStaleAsync(Group, "thief", TimeSpan.FromHours(1), 10);
        await LetTimePassAsync(TimeSpan.FromMinutes(30));
        var claimedLater = await log.ClaimStaleAsync(Group, "thief", TimeSpan.FromHours(1), 10);

        Assert.Empty(claimedAtOnce);
        Assert.Empty(claimedLater);
        Assert.Equal(3, await log.PendingCountAsync(Group));
    }

    [Fact]
    public async Task ClaimStaleAsync_Count_LimitsAndKeepsOrder()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 5);
        await log.ReadGroupAsync(Group, "crashed", 5);
        var minIdle = TimeSpan.FromMilliseconds(300);
        await LetTimePassAsync(minIdle);

        var first = await PollClaimAsync(log, "rescuer", minIdle, 2);

        Assert.Equal(Numbers(1, 2), Numbers(first));
    }

    [Fact]
    public async Task ClaimStaleAsync_AcknowledgedEntries_NeverClaimed()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 2);
        var read = await log.ReadGroupAsync(Group, "a", 2);
        await log.AcknowledgeAsync(Group, [.. read.Select(e => e.Position)]);
        await LetTimePassAsync(TimeSpan.FromSeconds(1));

        var claimed = await log.ClaimStaleAsync(Group, "b", TimeSpan.Zero, 10);

        Assert.Empty(claimed);
    }

    [Fact]
    public async Task ReadAfterAsync_FromStart_ReturnsEveryEntryWithoutTouchingTheGroup()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 4);

        var all = await log.ReadAfterAsync(LogPosition.Start, 100);

        Assert.Equal(Numbers(1, 4), Numbers(all));
        Assert.All(all, e => Assert.Equal(0, e.DeliveryCount));
        Assert.Equal(0, await log.PendingCountAsync(Group));
        Assert.Equal(4, (await log.ReadGroupAsync(Group, "a", 10)).Count);
    }

    [Fact]
    public async Task ReadAfterAsync_FromMiddle_ReturnsOnlyLaterEntriesUpToCount()
    {
        var log = await CreateLogAsync();
        var positions = await AppendAsync(log, 1, 6);

        var after2 = await log.ReadAfterAsync(positions[1], 3);
        var afterLast = await log.ReadAfterAsync(positions[^1], 3);

        Assert.Equal(Numbers(3, 5), Numbers(after2));
        Assert.Equal(positions.Skip(2).Take(3), after2.Select(e => e.Position));
        Assert.Empty(afterLast);
    }

    [Fact]
    public async Task DeadLetterAsync_Entry_KeepsFieldsReasonAndOriginalId()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        await AppendAsync(log, 1, 2);
        var read = await log.ReadGroupAsync(Group, "a", 2);

        await log.DeadLetterAsync(read[1], "unknown event type 'x.y'");
        await log.DeadLetterAsync(read[0], "missing field 'id'");
        var dead = await log.ReadDeadLettersAsync(10);

        Assert.Equal(2, dead.Count);
        Assert.Equal("unknown event type 'x.y'", dead[0].Fields["reason"]);
        Assert.Equal(read[1].Position.ToString(), dead[0].Fields["originalId"]);
        Assert.Equal(LogPosition.Parse(dead[0].Fields["originalId"]), read[1].Position);
        foreach (var (name, value) in Entry(2))
            Assert.Equal(value, dead[0].Fields[name]);
        Assert.Equal("missing field 'id'", dead[1].Fields["reason"]);
        Assert.True(dead[0].Position < dead[1].Position);
        Assert.Equal(2, (await log.InfoAsync(Group)).DeadLettered);
    }

    [Fact]
    public async Task TrimBeforeAsync_PendingEntry_NeverTrimsAtOrAfterLowestPending()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        var positions = await AppendAsync(log, 1, 6);
        var read = await log.ReadGroupAsync(Group, "a", 6);
        await log.AcknowledgeAsync(Group, [read[0].Position, read[1].Position, read[3].Position, read[4].Position, read[5].Position]);

        var removed = await log.TrimBeforeAsync(Group, positions[^1]);
        var left = await log.ReadAfterAsync(LogPosition.Start, 100);

        Assert.Equal(2, removed);
        Assert.Equal(Numbers(3, 6), Numbers(left));
        Assert.Equal(1, await log.PendingCountAsync(Group));
    }

    [Fact]
    public async Task TrimBeforeAsync_UndeliveredEntries_AreKeptForTheGroup()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        var positions = await AppendAsync(log, 1, 5);
        var read = await log.ReadGroupAsync(Group, "a", 2);
        await log.AcknowledgeAsync(Group, [.. read.Select(e => e.Position)]);

        var removed = await log.TrimBeforeAsync(Group, positions[^1]);
        var next = await log.ReadGroupAsync(Group, "a", 10);

        Assert.Equal(2, removed);
        Assert.Equal(Numbers(3, 5), Numbers(next));
    }

    [Fact]
    public async Task TrimBeforeAsync_BelowEverything_RemovesOnlyOlderEntries()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        var positions = await AppendAsync(log, 1, 4);
        var read = await log.ReadGroupAsync(Group, "a", 4);
        await log.AcknowledgeAsync(Group, [.. read.Select(e => e.Position)]);

        var removed = await log.TrimBeforeAsync(Group, positions[2]);
        var left = await log.ReadAfterAsync(LogPosition.Start, 100);

        Assert.Equal(2, removed);
        Assert.Equal(Numbers(3, 4), Numbers(left));
    }

    [Fact]
    public async Task InfoAsync_ReportsLengthLastPositionPendingAndDeadLetters()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        var empty = await log.InfoAsync(Group);
        var positions = await AppendAsync(log, 1, 3);
        var read = await log.ReadGroupAsync(Group, "a", 2);
        await log.DeadLetterAsync(read[0], "poison");

        var info = await log.InfoAsync(Group);

        Assert.Equal(0, empty.Length);
        Assert.Null(empty.LastPosition);
        Assert.Equal(3, info.Length);
        Assert.Equal(positions[^1], info.LastPosition);
        Assert.Equal(2, info.Pending);
        Assert.Equal(1, info.DeadLettered);
        Assert.False(string.IsNullOrWhiteSpace(info.Name));
    }
}
