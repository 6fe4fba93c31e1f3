using System.Data.Common;
using System.Security.Claims;
using Bunit;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>
/// A console page's world for bunit: an in-memory log, the live state that follows it (stepped by the test), the real
/// command service behind the page's session, a fake clock that drives the page's timers, and a signed-in person.
/// </summary>
internal sealed class ConsoleBed : IAsyncDisposable
{
    public static readonly EnvelopeParser Parser = new(DistrictModel.Gulou);

    public BunitContext Ctx { get; } = new();
    public FakeTimeProvider Time { get; } = new(TestEvents.Noon);
    public InMemoryEventLog Log { get; } = new();

    /// <summary>The clock the page sees: <see cref="Time"/>, counting the page's timers.</summary>
    public TrackingTime Clock { get; }
    public LiveState Live { get; }

    public ConsoleBed(string user = "dispatcher", string role = Roles.Dispatcher, string? street = null)
    {
        Live = LiveFixtures.LiveState(Time, Log);
        Clock = new TrackingTime(Time);
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddSingleton<TimeProvider>(Clock);
        Ctx.Services.AddSingleton(DistrictModel.Gulou);
        Ctx.Services.AddSingleton(Live);
        Ctx.Services.AddSingleton(new ConsoleCommandService(Parser, new DistrictReducer(DistrictModel.Gulou), Live, Log, Time,
            NullLogger<ConsoleCommandService>.Instance));
        Ctx.Services.AddScoped<ConsoleSession>();
        Ctx.Services.AddSingleton(new ItemTimeline(new NoDatabase()));
        var auth = Ctx.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(role);
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, user)];
        if (street is not null) claims.Add(new Claim(CcClaims.Street, street));
        auth.SetClaims([.. claims]);
        Ctx.SetRendererInfo(new RendererInfo("Server", true));
    }

    /// <summary>Loads the (empty) snapshot and applies the given producer entries, as the tail would.</summary>
    public async Task GivenAsync(params IReadOnlyDictionary<string, string>[] entries)
    {
        if (!Live.Current.IsHydrated) await Live.HydrateAsync(default);
        foreach (var entry in entries) Log.Append(entry);
        await Live.PollOnceAsync(default);
    }

    /// <summary>The tail reads what was appended since; the page renders after its coalescing window.</summary>
    public async Task TailAsync()
    {
        await Live.PollOnceAsync(default);
        Time.Advance(Web.Shared.LiveRefresh.Throttle);
    }

    /// <summary>What consoles appended (source <c>console</c>) of the given type; the given producer events are not counted.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> AppendedAsync(string type)
    {
        var entries = await Log.ReadAfterAsync(LogPosition.Start, 10_000);
        return [.. entries.Select(e => Parser.Parse(e.Fields).Envelope!).Where(e => e.Type == type && e.Source == ActorRoles.ConsoleSource)];
    }

    public static string Grid(string street = "ninghailu", int community = 0, int grid = 0) =>
        DistrictModel.Gulou.StreetsByCode[street].Communities[community].Grids[grid].Id;

    public static string Team(string street = "ninghailu", int index = 0) => DistrictModel.Gulou.StreetsByCode[street].Teams[index].Id;

    public static Dictionary<string, string> Incident(Guid id, int severity, DateTimeOffset at, string street = "ninghailu", string? grid = null,
        string category = "市容环境", string title = "占道经营") =>
        EnvelopeWriter.ToFields(new IncidentReported(id, grid ?? Grid(street), category, severity, title, DueAt: at.AddHours(4)), street, "grid-app", at);

    public static Dictionary<string, string> Event(IEventPayload payload, DateTimeOffset at, string street = "ninghailu") =>
        EnvelopeWriter.ToFields(payload, street, "enforcement", at);

    public ValueTask DisposeAsync() => Ctx.DisposeAsync();

    /// <summary>No database here: a timeline says its history is unavailable, which these tests do not look at.</summary>
    private sealed class NoDatabase : IDbConnectionFactory
    {
        public ISqlDialect Dialect => throw new InvalidOperationException("no database in this test");

        public Task<DbConnection> OpenAsync(CancellationToken ct = default) => throw new InvalidOperationException("no database in this test");
    }
}
