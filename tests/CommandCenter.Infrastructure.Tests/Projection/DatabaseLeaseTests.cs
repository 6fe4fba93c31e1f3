using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>Two processes on one embedded database: only one projects at a time (the lease lives in the database).</summary>
public sealed class DatabaseLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(6);
    private TempDatabase _database = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private DatabaseLease Lease(string instance) =>
        new(_database.Factory, "projector", instance, LeaseTime, _time, NullLogger<DatabaseLease>.Instance);

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherProcess_IsRefusedAndNamesTheHolder()
    {
        var first = Lease("host-a-101");
        var second = Lease("host-a-202");

        Assert.True(await first.TryAcquireAsync());
        Assert.False(await second.TryAcquireAsync());

        Assert.Equal("host-a-101", second.Holder);
        Assert.False(second.IsHeld);
    }

    [Fact]
    public async Task TryAcquireAsync_HolderStoppedRenewing_TakenOverAfterTheLeaseTimeAndTheOldHolderLosesIt()
    {
        var first = Lease("host-a-101");
        var second = Lease("host-a-202");
        Assert.True(await first.TryAcquireAsync());
        var lost = first.LostToken;

        _time.Advance(LeaseTime + TimeSpan.FromSeconds(1));

        Assert.True(await second.TryAcquireAsync());
        Assert.False(await first.RenewAsync());
        Assert.True(lost.IsCancellationRequested);
    }

    [Fact]
    public async Task RenewAsync_WhileHeld_KeepsItBeyondTheFirstExpiry()
    {
        var first = Lease("host-a-101");
        var second = Lease("host-a-202");
        Assert.True(await first.TryAcquireAsync());

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            Assert.True(await first.RenewAsync());
        }

        Assert.False(await second.TryAcquireAsync());
    }

    [Fact]
    public async Task ReleaseAsync_ByTheHolder_LetsTheOtherTakeItAtOnce()
    {
        var first = Lease("host-a-101");
        var second = Lease("host-a-202");
        Assert.True(await first.TryAcquireAsync());

        await first.ReleaseAsync();

        Assert.True(await second.TryAcquireAsync());
    }
}
