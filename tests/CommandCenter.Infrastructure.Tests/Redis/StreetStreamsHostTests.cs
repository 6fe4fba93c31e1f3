using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Support;
using CommandCenter.Infrastructure.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>
/// <c>EventLog:Sharding = Street</c> as the app runs it: the registration gives producers the router, one pipeline per
/// street starts with the host, each projects its own stream, and `cc verify` from the same services is clean.
/// </summary>
public sealed class StreetStreamsHostTests : IAsyncLifetime
{
    private TempDatabase _database = null!;
    private readonly string _baseKey = $"test:{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private IHost BuildHost(params (string Key, string Value)[] settings) =>
        StreetShardedHost.Build(_database, _baseKey, [("Redis:LeaseTime", "00:00:02"), ("Projector:BatchSize", "4"), .. settings]);

    [Fact]
    public async Task HostRunning_EventsOfTwoStreets_EachStreetsPipelineProjectsItsStreamAndVerifyIsClean()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var log = host.Services.GetRequiredService<IEventLog>();
        var pipelines = host.Services.GetRequiredService<StreetPipelines>();
        var scenario = new Scenario(DateTimeOffset.UtcNow.AddHours(-1));
        var north = scenario.MixedDay();
        var south = scenario.MixedDay().Select(e => e.ToDictionary(f => f.Key, f => f.Value.Replace("ninghailu", "huaqiaolu", StringComparison.Ordinal))).ToList();

        var positions = await log.AppendAsync([.. north, .. south]);

        Assert.IsType<StreetRoutedEventLog>(log);
        Assert.Equal(13, pipelines.All.Count);
        var (northPipeline, southPipeline) = (pipelines.All.Single(p => p.Stream.Name == "ninghailu"), pipelines.All.Single(p => p.Stream.Name == "huaqiaolu"));
        Assert.Equal($"{_baseKey}:{{ninghailu}}", northPipeline.Log.StreamKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // At or past: each stream's leader may append its own notices (the rules adoption) after our entries.
        while (((northPipeline.Status.Current.Checkpoint ?? LogPosition.Start) < positions[north.Count - 1]
                || (southPipeline.Status.Current.Checkpoint ?? LogPosition.Start) < positions[^1])
               && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        Assert.True(northPipeline.Status.Current.Checkpoint >= positions[north.Count - 1]);
        Assert.True(southPipeline.Status.Current.Checkpoint >= positions[^1]);
        Assert.True(northPipeline.Status.Current.IsLeader && southPipeline.Status.Current.IsLeader);
        Assert.Equal(north.Count - 1, northPipeline.Status.Current.AppliedCount); // one rejected transition in a mixed day
        Assert.Equal(south.Count - 1, southPipeline.Status.Current.AppliedCount);
        Assert.All(pipelines.All.Where(p => p != northPipeline && p != southPipeline), p => Assert.Equal(0, p.Status.Current.AppliedCount));
        // /healthz and /metrics read the app's one status: the streets' folded into it.
        var folded = host.Services.GetRequiredService<CommandCenter.Infrastructure.Projection.ProjectorStatus>();
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (folded.AppliedCount != north.Count - 1 + south.Count - 1 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(north.Count - 1 + south.Count - 1, folded.AppliedCount);
        Assert.True(folded.IsLeader);
        Assert.Null(folded.LastError);
        // What starts from the database's state (the simulator's resumption) sees every street.
        var stored = await host.Services.GetRequiredService<CommandCenter.Core.Projection.IStateSnapshotSource>().LoadAsync();
        Assert.Equal(["huaqiaolu", "ninghailu"], stored.State.Tickets.Values.Select(t => t.Street).Distinct().Order());
        var report = await host.Services.GetRequiredService<LogVerifier>().VerifyAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Differences));
        Assert.Contains(report.Checks, c => c.Contains("(13 streams, each on its own)"));
        await host.StopAsync();
        Assert.False(northPipeline.Status.Current.IsLeader);
    }

    [Fact]
    public async Task StartAsync_StreetShardingWithTheEmbeddedLog_FailsWithAPlainMessage()
    {
        using var host = BuildHost(("EventLog:Provider", "Embedded"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("EventLog:Sharding = Street needs EventLog:Provider = Redis", error.Message);
    }
}
