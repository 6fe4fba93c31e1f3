using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.EventLog.Embedded;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Live;

/// <summary>
/// The screens never keep what the database will not hold (issue "the log is the truth under every fault",
/// deliverable 3): a live state that applied an entry the projector later dead-letters drops it again on the notice,
/// and then equals the database, on a real embedded log and database.
/// </summary>
public sealed class LiveStateDeadLetterTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-live-dead-").FullName;
    private readonly FakeTimeProvider _time = new(TestEvents.Noon);
    private readonly EnvelopeParser _parser = new(DistrictModel.Gulou);
    private readonly DistrictReducer _reducer = new(DistrictModel.Gulou);
    private readonly SqliteConnectionFactory _db;
    private readonly SqliteEventLog _log;
    private readonly ProjectionStore _store;

    public LiveStateDeadLetterTests()
    {
        _db = new SqliteConnectionFactory($"Data Source={Path.Combine(_dir, "cc.db")}");
        _log = new SqliteEventLog(_db, Options.Create(new EventLogOptions()), _time);
        _store = new ProjectionStore(_db, _parser, _reducer);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Projector NewProjector(string consumer, IProjectorFaults faults) =>
        new(_log, _store, new ProjectionWriter(_db, _time), _parser, _reducer,
            Options.Create(new ProjectorOptions { BatchSize = 16, ConsumerName = consumer }), new ProjectorStatus(), _time,
            NullLogger<Projector>.Instance, faults);

    [Fact]
    public async Task PollOnceAsync_NoticeOfAnEntryItApplied_DropsItAndEqualsTheDatabase()
    {
        await new MigrationRunner(_db, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        var tickets = Enumerable.Range(0, 20).Select(i => TestEvents.TicketReceived(TestEvents.Noon.AddSeconds(i))).ToList();
        var poison = tickets[7];
        await _log.AppendAsync([.. tickets]);
        var live = new LiveState(_log, _store, _parser, _reducer, _time, NullLogger<LiveState>.Instance);
        await live.HydrateAsync(default);
        await live.PollOnceAsync(default);
        Assert.Equal(20, live.Current.State.Tickets.Count); // the screens applied it at once, as they must

        // The projector dies each time it projects the poison entry; restarted, it isolates and dead-letters it.
        var faults = new PoisonFaults(poison[EnvelopeFields.Id]);
        for (var start = 0; start < 30; start++)
        {
            try
            {
                var projector = NewProjector($"process-{start}", faults);
                while (await projector.RunOnceAsync() > 0) { }
                break;
            }
            catch (SimulatedCrashException)
            {
            }
        }
        Assert.Single(await _log.ReadDeadLettersAsync(10));

        await live.PollOnceAsync(default); // reads the notice
        await live.ResyncIfDueAsync(default);

        var stored = await _store.LoadAsync();
        Assert.Equal(19, live.Current.State.Tickets.Count);
        Assert.DoesNotContain(live.Current.State.Tickets.Values, t => t.LastEventId == poison[EnvelopeFields.Id]);
        Assert.Equal(stored.State.Tickets.Keys.Order(), live.Current.State.Tickets.Keys.Order());
        Assert.True(stored.State.Recent.SameAs(live.Current.State.Recent), "the idempotency windows differ");
        Assert.Equal(stored.State.AppliedCount, live.Current.State.AppliedCount);
        Assert.DoesNotContain(live.Current.Recent, e => e.Id == poison[EnvelopeFields.Id]);
    }

    /// <summary>The process dies whenever the poison entry is projected (thrown, and the projector dropped).</summary>
    private sealed class PoisonFaults(string id) : IProjectorFaults
    {
        public void BeforeCommit(IReadOnlyList<LogEntry> reduced)
        {
            if (reduced.Any(e => e.Fields[EnvelopeFields.Id] == id))
                throw new SimulatedCrashException();
        }
    }
}
