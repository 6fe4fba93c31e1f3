using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.EventLog.Embedded;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Infrastructure.Tests.Projection;

/// <summary>A real SQLite database with the embedded log, and projectors that can be started and dropped on it.</summary>
public sealed class ProjectionBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private ProjectionBed(TempDatabase database)
    {
        Database = database;
        Log = new SqliteEventLog(database.Factory, Options.Create(new EventLogOptions()), Time);
        Store = new ProjectionStore(database.Factory, Parser, Reducer);
    }

    private readonly List<Projector> _projectors = [];

    public TempDatabase Database { get; }
    public FakeTimeProvider Time { get; } = new(Start);
    public SqliteEventLog Log { get; }
    public ProjectionStore Store { get; }
    public Scenario Events { get; } = new(Start);
    public DistrictReducer Reducer { get; } = new(DistrictModel.Gulou);
    public EnvelopeParser Parser { get; } = new(DistrictModel.Gulou);

    public static async Task<ProjectionBed> CreateAsync() => new(await TempDatabase.CreateAsync());

    public Projector NewProjector(string consumer = "projector-1", IEventLog? log = null, int batchSize = 500, int maxDeliveries = 3,
        ProjectorStatus? status = null, IProjectorFaults? faults = null, int snapshotEvery = 50_000)
    {
        var projector = new Projector(log ?? Log, Store, new ProjectionWriter(Database.Factory, Time), Parser, Reducer,
            Options.Create(new ProjectorOptions { BatchSize = batchSize, MaxDeliveries = maxDeliveries, ConsumerName = consumer, SnapshotEvery = snapshotEvery }),
            status ?? new ProjectorStatus(), Time, NullLogger<Projector>.Instance, faults);
        _projectors.Add(projector);
        return projector;
    }

    public async Task<IReadOnlyList<LogPosition>> AppendAsync(IEnumerable<IReadOnlyDictionary<string, string>> entries) =>
        await Log.AppendAsync([.. entries]);

    public static async Task<int> DrainAsync(Projector projector)
    {
        var total = 0;
        int handled;
        while ((handled = await projector.RunOnceAsync()) > 0)
            total += handled;
        return total;
    }

    /// <summary>The reducer run over the whole log (the bed's own unless <paramref name="log"/> is given) from Empty: what the database must equal.</summary>
    public async Task<DistrictState> ReplayLogAsync(IEventLog? log = null)
    {
        var state = DistrictState.Empty;
        foreach (var entry in await (log ?? Log).ReadAfterAsync(LogPosition.Start, 1_000_000))
        {
            if (Parser.Parse(entry.Fields).Envelope is { } envelope)
                state = Reducer.Apply(state, envelope).State;
        }
        return state;
    }

    /// <summary>Every entity as "kind:id" → its JSON, so states compare by value (records holding arrays do not).</summary>
    public static SortedDictionary<string, string> Entities(DistrictState state)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add<T>(string kind, IEnumerable<KeyValuePair<T, string>> items) where T : notnull
        {
            foreach (var (id, json) in items)
                all[$"{kind}:{id}"] = json;
        }
        Add("incident", state.Incidents.Select(p => KeyValuePair.Create(p.Key, Json(p.Value))));
        Add("ticket", state.Tickets.Select(p => KeyValuePair.Create(p.Key, Json(p.Value))));
        Add("whistle", state.Whistles.Select(p => KeyValuePair.Create(p.Key, Json(p.Value))));
        Add("dispatch", state.Dispatches.Select(p => KeyValuePair.Create(p.Key, Json(p.Value))));
        Add("team", state.Teams.Select(p => KeyValuePair.Create(p.Key, Json(p.Value))));
        return all;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, EntityJson.Options);

    /// <summary>The raw rows of every entity table, as the database holds them.</summary>
    public async Task<List<string>> EntityRowsAsync()
    {
        await using var connection = await Database.Factory.OpenAsync();
        var rows = new List<string>();
        foreach (var table in new[] { "incidents", "tickets", "whistles", "dispatches", "teams" })
        {
            var tableRows = await connection.QueryAsync<(string Id, string Street, string Status, string Body, string LastEventId)>(
                $"SELECT id, street, status, body, last_event_id FROM {table} ORDER BY id");
            rows.AddRange(tableRows.Select(r => $"{table}|{r.Id}|{r.Street}|{r.Status}|{r.LastEventId}|{r.Body}"));
        }
        return rows;
    }

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.Factory.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>
    /// Waits for every projector's background work (a snapshot, the thinning of old ones) before deleting the database:
    /// a task still writing would re-create the SQLite file's journal in a folder being deleted ("Directory not empty").
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_projectors.Select(p => p.SnapshotWrittenAsync()));
        await Database.DisposeAsync();
    }
}
