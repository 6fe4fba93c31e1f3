using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>
/// The live side of streams per street (docs/decisions/0014): the union of the streets' states is what one state over
/// all the events would be, and the tail over every street's stream gives each street its stream's replay.
/// </summary>
public sealed class StreetStreamsTailTests : IAsyncLifetime
{
    private static readonly DistrictReducer Reducer = new(DistrictModel.Gulou);
    private static readonly EnvelopeParser Parser = new(DistrictModel.Gulou);
    private TempDatabase _database = null!;
    private readonly string _baseKey = $"test:{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _database = await TempDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static List<Dictionary<string, string>> Moved(IEnumerable<Dictionary<string, string>> entries, string street) =>
        [.. entries.Select(e => e.ToDictionary(f => f.Key, f => f.Value.Replace(Scenario.Street, street, StringComparison.Ordinal)))];

    private static DistrictState Reduce(DistrictState state, IEnumerable<IReadOnlyDictionary<string, string>> entries)
    {
        foreach (var fields in entries)
            state = Reducer.Apply(state, Parser.Parse(fields).Envelope!).State;
        return state;
    }

    private static string RollupsJson(DistrictState state) => JsonSerializer.Serialize(state.Rollups.Days.Select(d => new
    {
        day = d.Key, streets = d.Value.Streets, hours = d.Value.Hours,
        categories = d.Value.TicketCategories.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new { c.Key, Counts = c.Value.ToArray() }),
    }));

    [Fact]
    public void Union_TwoStreetsReducedApart_EqualsOneStateOverAllTheirEvents()
    {
        var scenario = new Scenario(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.FromHours(8)));
        var north = scenario.MixedDay().Concat(scenario.MixedDay()).ToList();
        var south = Moved(scenario.MixedDay(), "huaqiaolu");
        var together = Reduce(DistrictState.Empty, [.. north, .. south]);

        var northState = Reduce(DistrictState.Empty, north);
        var southState = Reduce(DistrictState.Empty, south);
        var union = StreetStatesMerge.Union([northState, southState]);
        // Swapping a street's state for a later one keeps the union exact.
        var later = Reduce(southState, Moved(scenario.MixedDay(), "huaqiaolu"));
        var swapped = StreetStatesMerge.Replace(union, southState, later, [northState, later]);
        var togetherLater = Reduce(together, [.. Moved(scenario.MixedDay(), "huaqiaolu")]);

        Assert.Equal(ProjectionBed.Entities(together), ProjectionBed.Entities(union));
        Assert.True(together.OpenTickets.SetEquals(union.OpenTickets) && together.OpenIncidents.SetEquals(union.OpenIncidents));
        Assert.Equal(RollupsJson(together), RollupsJson(union));
        Assert.Equal(together.AppliedCount, union.AppliedCount);
        Assert.Equal(ProjectionBed.Entities(StreetStatesMerge.Union([northState, later])), ProjectionBed.Entities(swapped));
        Assert.Equal(RollupsJson(StreetStatesMerge.Union([northState, later])), RollupsJson(swapped));
        Assert.Equal(togetherLater.Tickets.Count, swapped.Tickets.Count);
    }

    [Fact]
    public async Task PollAsync_TwoStreetsStreams_EachStreetEqualsItsStreamsReplayAndTheScreensSeeTheirUnion()
    {
        using var host = StreetShardedHost.Build(_database, _baseKey, ("Projector:BatchSize", "5"));
        await host.StartAsync();
        var log = host.Services.GetRequiredService<IEventLog>();
        var pipelines = host.Services.GetRequiredService<StreetPipelines>();
        var scenario = new Scenario(DateTimeOffset.UtcNow.AddHours(-2));
        var before = await log.AppendAsync([.. scenario.MixedDay(), .. Moved(scenario.MixedDay(), "huaqiaolu")]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var south = pipelines.All.Single(p => p.Stream.Name == "huaqiaolu");
        while ((south.Status.Current.Checkpoint ?? LogPosition.Start) < before[^1] && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        // Hydrated from the database, then the tail: more of both streets, a stray street on 宁海路's stream, and a poison entry.
        var tail = host.Services.GetRequiredService<StreetStreamsTail>();
        await tail.HydrateAsync();
        var stray = Moved(scenario.MixedDay().Take(1), "huaqiaolu")[0];
        var northStream = pipelines.All.Single(p => p.Stream.Name == Scenario.Street).Log;
        await northStream.AppendAsync([stray]);
        await log.AppendAsync([.. scenario.MixedDay(), .. Moved(scenario.MixedDay(), "huaqiaolu")]);
        var applied = new List<EventEnvelope>();
        StreetsRead read;
        var reads = 0;
        var streets = pipelines.All.Where(p => p.Stream.Name is Scenario.Street or "huaqiaolu").ToList();
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // Until the tail has read everything and the projectors have appended what they append (the stray's dead-letter
        // notice, the rules adoption) and committed it: then each stream stands still.
        while (true)
        {
            do
            {
                read = await tail.PollAsync(countPerStream: 7);
                applied.AddRange(read.Applied);
                reads++;
            } while (read.Read > 0);
            var settled = true;
            foreach (var pipeline in streets)
            {
                var last = (await pipeline.Log.ReadAfterAsync(LogPosition.Start, 10_000))[^1].Position;
                settled &= pipeline.Status.Current.Checkpoint == last && tail.Positions[pipeline.Stream.Name] == last;
            }
            if (settled || DateTime.UtcNow > deadline) break;
            await Task.Delay(50);
        }

        Assert.True(reads > 2, "small batches: several polls");
        var replays = new List<DistrictState>();
        foreach (var pipeline in streets)
        {
            var state = DistrictState.Empty;
            foreach (var entry in await pipeline.Log.ReadAfterAsync(LogPosition.Start, 10_000))
            {
                if (Parser.Parse(entry).Envelope is { } envelope && Projector.WrongStreet(pipeline.Stream, envelope) is null)
                    state = Reducer.Apply(state, envelope).State;
            }
            replays.Add(state);
            Assert.Equal((await pipeline.Log.ReadAfterAsync(LogPosition.Start, 10_000))[^1].Position, tail.Positions[pipeline.Stream.Name]);
        }
        var expected = StreetStatesMerge.Union(replays);
        Assert.Equal(ProjectionBed.Entities(expected), ProjectionBed.Entities(read.State));
        Assert.Equal(RollupsJson(expected), RollupsJson(read.State));
        Assert.DoesNotContain(applied, e => e.Id == stray[EnvelopeFields.Id]);
        await host.StopAsync();
    }
}
