using System.Diagnostics;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>`profile`: where a projector's time goes per event, stage by stage, without Redis or a database.</summary>
internal static class PipelineProfile
{
    public static async Task RunDbAsync(IReadOnlyList<NameValueEntry[]> entries, string workDir, string? postgres = null)
    {
        CommandCenter.Infrastructure.Database.IDbConnectionFactory factory = postgres is null
            ? new CommandCenter.Infrastructure.Database.SqliteConnectionFactory($"Data Source={Path.Combine(workDir, "profile.db")}")
            : new CommandCenter.Infrastructure.Database.PostgresConnectionFactory(await BenchDatabase.CreatePostgresAsync(postgres));
        await new CommandCenter.Infrastructure.Database.MigrationRunner(factory, Microsoft.Extensions.Logging.Abstractions.NullLogger<CommandCenter.Infrastructure.Database.MigrationRunner>.Instance).MigrateAsync();
        var writer = new CommandCenter.Infrastructure.Projection.ProjectionWriter(factory, TimeProvider.System);
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var envelopes = entries.Select(e => parser.Parse(e.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString())).Envelope!).ToList();
        var state = DistrictState.Empty;
        var clock = new Stopwatch();
        var fence = await writer.ClaimFenceAsync();
        var checkpoint = CommandCenter.Core.EventLog.LogPosition.Start;
        var reduceClock = new Stopwatch();
        for (var i = 0; i < envelopes.Count; i += 2000)
        {
            var changed = new CommandCenter.Infrastructure.Projection.ChangedEntities();
            var history = new List<CommandCenter.Infrastructure.Projection.HistoryRow>();
            reduceClock.Start();
            foreach (var envelope in envelopes.Skip(i).Take(2000))
            {
                var r = reducer.Apply(state, envelope);
                state = r.State;
                changed.Record(r);
                history.Add(new($"0-{i + history.Count + 1}", envelope.Id, envelope.Type, envelope.Street, "t", envelope.Source, "applied", null, envelope.DataJson, "[]"));
            }
            reduceClock.Stop();
            clock.Start();
            var next = new CommandCenter.Core.EventLog.LogPosition(0, (ulong)(i + history.Count));
            await writer.CommitAsync(new(state, changed, history, new(history.Count, 0, 0, 0), checkpoint, next, fence));
            checkpoint = next;
            clock.Stop();
        }
        Console.WriteLine($"{factory.Dialect.Name}: commit (batches of 2000): {envelopes.Count / clock.Elapsed.TotalSeconds:F0}/s; reduce and rows: {envelopes.Count / reduceClock.Elapsed.TotalSeconds:F0}/s");
    }

    public static void Run(IReadOnlyList<NameValueEntry[]> entries)
    {
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var fields = entries.Select(e => (IReadOnlyDictionary<string, string>)e.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString())).ToList();

        var clock = Stopwatch.StartNew();
        var envelopes = fields.Select(f => parser.Parse(f).Envelope!).ToList();
        Console.WriteLine($"parse:  {entries.Count / clock.Elapsed.TotalSeconds:F0}/s");

        clock.Restart();
        var state = DistrictState.Empty;
        foreach (var envelope in envelopes)
            state = reducer.Apply(state, envelope).State;
        Console.WriteLine($"reduce: {entries.Count / clock.Elapsed.TotalSeconds:F0}/s");

        clock.Restart();
        foreach (var incident in state.Incidents.Values.Take(20_000))
            _ = System.Text.Json.JsonSerializer.Serialize(incident, EventJson.Options);
        Console.WriteLine($"entity json: {20_000 / clock.Elapsed.TotalSeconds:F0}/s");
    }
}
