using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.EventLog.Embedded;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Infrastructure.Tests.EventLog;

public sealed class SqliteEventLogContractTests : EventLogContract, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly List<TempDatabase> _databases = [];

    protected override async Task<IEventLog> CreateLogAsync()
    {
        var database = await TempDatabase.CreateAsync();
        _databases.Add(database);
        return new SqliteEventLog(database.Factory, Options.Create(new EventLogOptions()), _time);
    }

    protected override Task LetTimePassAsync(TimeSpan by)
    {
        _time.Advance(by);
        return Task.CompletedTask;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
            await database.DisposeAsync();
    }

    [Fact]
    public async Task AppendAsync_EmbeddedLog_PositionsAreZeroDashSequence()
    {
        var log = await CreateLogAsync();

        var positions = await log.AppendAsync([Entry(1), Entry(2)]);

        Assert.Equal(["0-1", "0-2"], positions.Select(p => p.ToString()));
    }

    [Fact]
    public async Task AppendAsync_AfterEverythingWasTrimmed_NeverReusesAPosition()
    {
        var log = await CreateLogAsync();
        await log.EnsureGroupAsync(Group);
        var first = await log.AppendAsync([Entry(1), Entry(2)]);
        var read = await log.ReadGroupAsync(Group, "a", 10);
        await log.AcknowledgeAsync(Group, [.. read.Select(e => e.Position)]);
        Assert.Equal(2, await log.TrimBeforeAsync(Group, new LogPosition(0, 100)));

        var next = await log.AppendAsync([Entry(3)]);

        Assert.True(next[0] > first[^1], $"{next[0]} after {first[^1]}");
    }

    [Fact]
    public async Task InfoAsync_EmbeddedLog_IsNamedByTheStreamKey()
    {
        var log = await CreateLogAsync();

        var info = await log.InfoAsync(Group);

        Assert.Equal("cc:events", info.Name);
    }
}
