using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using CommandCenter.Infrastructure.Verification;
using Dapper;

namespace CommandCenter.Infrastructure.Tests.Verification;

/// <summary>`cc verify` is clean on a faithful projection and names each kind of difference when one is not.</summary>
public sealed class LogVerifierTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ProjectionBed.CreateAsync();
        var day = _bed.Events.MixedDay();
        await _bed.AppendAsync(day);
        await _bed.AppendAsync(day.Take(5)); // copies: duplicates in the history
        await _bed.AppendAsync([new Dictionary<string, string>(day[0]) { [EnvelopeFields.Data] = "{not json" }]); // a dead letter
        var projector = _bed.NewProjector(batchSize: 7, snapshotEvery: 20);
        await ProjectionBed.DrainAsync(projector);
        await projector.SnapshotWrittenAsync();
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private Task<VerifyReport> VerifyAsync(bool requireCaughtUp = true) =>
        new LogVerifier(_bed.Database.Factory, _bed.Log, _bed.Parser, _bed.Reducer).VerifyAsync(requireCaughtUp: requireCaughtUp);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _bed.Database.Factory.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    [Fact]
    public async Task VerifyAsync_AFaithfulProjection_IsCleanAndSaysWhatItChecked()
    {
        var report = await VerifyAsync();

        Assert.True(report.IsClean, string.Join("\n", report.Differences));
        Assert.Contains(report.Checks, c => c.StartsWith("history     ok", StringComparison.Ordinal) && c.Contains("duplicate 5") && c.Contains("dead-lettered 1"));
        Assert.Contains(report.Checks, c => c.StartsWith("entities    ok", StringComparison.Ordinal));
        Assert.Contains(report.Checks, c => c.StartsWith("log         ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_AnEntityRowChangedBehindTheProjectorsBack_IsADifference()
    {
        await ExecuteAsync("UPDATE tickets SET status = 'closed' WHERE id = (SELECT MIN(id) FROM tickets)");

        var report = await VerifyAsync();

        Assert.Contains(report.Differences, d => d.StartsWith("tickets ", StringComparison.Ordinal) && d.Contains("database"));
    }

    [Fact]
    public async Task VerifyAsync_AHistoryRowLost_IsNamedAsALostLogEntry()
    {
        await ExecuteAsync("DELETE FROM event_history WHERE seq = 3");

        var report = await VerifyAsync();

        Assert.Contains(report.Differences, d => d.Contains("has no history row: lost"));
    }

    [Fact]
    public async Task VerifyAsync_ACounterOffByOne_IsADifference()
    {
        await ExecuteAsync("UPDATE counters SET value = value + 1 WHERE name = 'applied'");

        var report = await VerifyAsync();

        Assert.Contains(report.Differences, d => d.StartsWith("counter applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_EntriesNotProjectedYet_AreADifferenceOnlyWhenCaughtUpIsRequired()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());

        Assert.True((await VerifyAsync(requireCaughtUp: false)).IsClean);
        Assert.Contains((await VerifyAsync(requireCaughtUp: true)).Differences, d => d.StartsWith("not caught up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_AStateSnapshotThatDoesNotMatchTheHistory_IsADifference()
    {
        var other = StateSnapshotBytes(await _bed.ReplayLogAsync() with { AppliedCount = 1 });
        await using (var connection = await _bed.Database.Factory.OpenAsync())
            await connection.ExecuteAsync("UPDATE state_snapshots SET body = @other", new { other });

        var report = await VerifyAsync();

        Assert.Contains(report.Differences, d => d.StartsWith("the state snapshot at history row", StringComparison.Ordinal));
    }

    private static byte[] StateSnapshotBytes(Core.State.DistrictState state) =>
        (byte[])typeof(ProjectionStore).Assembly.GetType("CommandCenter.Infrastructure.Projection.StateSnapshotCodec")!
            .GetMethod("Encode")!.Invoke(null, [state, true])!;
}
