using CommandCenter.Core.State;

namespace CommandCenter.Core.Tests.State;

/// <summary>The idempotency window: bounded, decided by log order only, and stored and restored whole.</summary>
public sealed class RecentIdsTests
{
    private static RecentIds Fill(int count, List<Guid>? ids = null)
    {
        var window = RecentIds.Empty;
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            ids?.Add(id);
            window = window.Add(id);
        }
        return window;
    }

    [Fact]
    public void Add_ManyMoreThanCapacity_HoldsAtLeastCapacityAndLessThanOneChunkMore()
    {
        var ids = new List<Guid>();
        var window = Fill(RecentIds.Capacity * 2 + 1_000, ids);

        Assert.InRange(window.Count, RecentIds.Capacity, RecentIds.Capacity + RecentIds.ChunkSize - 1);
        Assert.True(ids.TakeLast(RecentIds.Capacity).All(window.Contains), "the newest Capacity ids must all be in the window");
        Assert.False(ids.Take(RecentIds.Capacity).Any(window.Contains), "ids older than the window must be forgotten");
    }

    [Fact]
    public void Add_ResentAfterMoreThanTheWindow_IsNoLongerKnown()
    {
        var first = Guid.NewGuid();
        var window = RecentIds.Empty.Add(first);
        Assert.True(window.Contains(first));

        for (var i = 0; i < RecentIds.Capacity + RecentIds.ChunkSize; i++)
            window = window.Add(Guid.NewGuid());

        Assert.False(window.Contains(first));
    }

    [Fact]
    public void FromChunks_OfChunks_IsTheSameWindowAndDecidesAlike()
    {
        var ids = new List<Guid>();
        var window = Fill(RecentIds.ChunkSize * 3 + 17, ids);

        var restored = RecentIds.FromChunks(window.Chunks());

        Assert.True(restored.SameAs(window));
        Assert.Equal(window.Count, restored.Count);
        var next = Guid.NewGuid();
        Assert.True(restored.Add(next).SameAs(window.Add(next)));
        Assert.All(ids, id => Assert.True(restored.Contains(id)));
    }

    [Fact]
    public void Contains_TheSameUuidInAnotherLetterCase_IsTheSameId()
    {
        var id = Guid.NewGuid();
        var window = RecentIds.Empty.Add(id.ToString());

        Assert.True(window.Contains(id.ToString().ToUpperInvariant()));
    }

    [Fact]
    public void FromChunks_AShortChunkBeforeTheLast_IsRefused()
    {
        IReadOnlyCollection<Guid>[] chunks = [[Guid.NewGuid()], [Guid.NewGuid()]];

        Assert.Throws<InvalidDataException>(() => RecentIds.FromChunks(chunks));
    }
}
