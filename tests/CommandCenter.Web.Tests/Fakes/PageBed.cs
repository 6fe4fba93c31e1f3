using System.Security.Claims;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Bunit.TestDoubles;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Security;
using System.Globalization;
using CommandCenter.Web.Live;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Security;
using CommandCenter.Web.Wall.Replay;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Wall;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>
/// The one bunit bed every component and page test uses (one per test, <c>await using</c>): a <see cref="BunitContext"/>
/// wired as the app wires its pages, over an in-memory log and a fake clock at <see cref="TestEvents.Noon"/>.
/// <list type="bullet">
/// <item>the district model, parser and reducer; a live state following the log, stepped by the test
/// (<see cref="GivenAsync(IReadOnlyDictionary{string, string}[])"/>, <see cref="CatchUpAsync"/>, <see cref="TailAsync"/>);
/// the wall feed over it (<see cref="StartFeed"/>);</item>
/// <item>the real command service and session, appending through <see cref="Log"/> (which can be made to fail);</item>
/// <item>the item timeline over a temp SQLite database, migrated when asked (<see cref="MigrateAsync"/>);</item>
/// <item>MudBlazor, the street map's shapes and the diagrams' JS calls answered (JS interop loose);</item>
/// <item>a signed-in person (<see cref="SignIn"/>; a dispatcher unless told otherwise) and an interactive circuit
/// (<see cref="Static"/> for prerendering).</item>
/// </list>
/// The page sees <see cref="Clock"/>, the fake clock counting the timers it creates (a page must leave none).
/// <para>
/// Pages whose work lands in the app's own stores (the admin consoles: accounts through Identity, keys, kiosk tokens,
/// audit, dead letters) run in a bed over the real app instead (<see cref="OverAppAsync"/>): every service the page asks
/// for is the app's, from one request-like scope of a <see cref="WallAppFactory"/> on its temp database with the demo
/// accounts, so the app's own endpoints can check what the page did. The fakes above are then not the page's.
/// </para>
/// </summary>
internal sealed class PageBed : IAsyncDisposable
{
    public static readonly EnvelopeParser Parser = new(DistrictModel.Gulou);

    /// <summary>The street map's outlines, read once from the repository's wwwroot/.</summary>
    private static readonly Lazy<StreetMapShapes> Shapes = new(() =>
    {
        var root = WebRootLocator.FindUpwards(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no wwwroot/ above the test binaries");
        using var svg = File.OpenRead(Path.Combine(root, StreetMapShapes.SchematicPath));
        return StreetMapShapes.FromSvg(svg, StreetMapShapes.SchematicPath);
    });

    private readonly string _dir = Directory.CreateTempSubdirectory("cc-bunit-").FullName;
    private readonly Lazy<WallFeed> _feed;
    private readonly WallAppFactory? _app;
    private readonly AsyncServiceScope? _appScope;

    public PageBed(string user = "dispatcher", string role = Roles.Dispatcher, string? street = null, string? department = null, bool interactive = true)
        : this(app: null, interactive)
    {
        SignIn(user, role, street, department);
    }

    private PageBed(WallAppFactory? app, bool interactive)
    {
        Clock = new TrackingTime(Time);
        Log = new AppendSwitchLog(Memory);
        Live = LiveFixtures.LiveState(Time, Memory);
        Db = new SqliteConnectionFactory($"Data Source={Path.Combine(_dir, "commandcenter.db")}");
        _feed = new(() => new WallFeed(Live, LiveFixtures.Builder(), Time, NullLogger<WallFeed>.Instance));
        Ctx.Services.AddMudServices();
        Ctx.Services.AddLocalization();
        if (app is null)
        {
            AddFakes(Ctx.Services);
        }
        else
        {
            _app = app;
            _appScope = app.Services.CreateAsyncScope();
            // Whatever bunit does not provide (the stores, UserManager, options) is the app's, in one request-like scope.
            Ctx.Services.AddFallbackServiceProvider(_appScope.Value.ServiceProvider);
        }
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 660, 300));
        Auth = Ctx.AddAuthorization();
        Ctx.SetRendererInfo(new RendererInfo(interactive ? "Server" : "Static", interactive));
        UseCulture(Cultures.Chinese);
    }

    /// <summary>
    /// A bed over the real app (see the class notes), signed in as the demo account <paramref name="user"/> with its
    /// roles; the Admin policy passes only when <paramref name="admin"/>. <paramref name="fakeLog"/> keeps the app's
    /// log in memory (<see cref="WallAppFactory.FakeLog"/>).
    /// </summary>
    public static async Task<PageBed> OverAppAsync(string user = "admin", bool admin = true, bool fakeLog = true)
    {
        var bed = new PageBed(new WallAppFactory { FakeLog = fakeLog }, interactive: true);
        var users = bed.Get<UserManager<AppUser>>();
        var account = await users.FindByNameAsync(user) ?? throw new InvalidOperationException($"no demo account {user}");
        bed.Auth.SetAuthorized(user);
        bed.Auth.SetRoles([.. await users.GetRolesAsync(account)]);
        bed.Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, account.Id));
        if (admin)
            bed.Auth.SetPolicies(Policies.Admin);
        return bed;
    }

    /// <summary>The app a bed made by <see cref="OverAppAsync"/> runs over (a bed of fakes has none).</summary>
    public WallAppFactory App => _app ?? throw new InvalidOperationException("this bed runs over fakes, not over the app: PageBed.OverAppAsync makes one that does");

    /// <summary>A service of the page's: the app's in a bed over the app, else the bed's own.</summary>
    public T Get<T>() where T : notnull =>
        _appScope is { } scope ? scope.ServiceProvider.GetRequiredService<T>() : Ctx.Services.GetRequiredService<T>();

    private void AddFakes(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(DistrictModel.Gulou);
        services.AddSingleton(Parser);
        services.AddSingleton(new DistrictReducer(DistrictModel.Gulou));
        services.AddSingleton(new KpiCalculator(DistrictModel.Gulou));
        services.AddSingleton(new EventLabels(DistrictModel.Gulou));
        services.AddSingleton(Live);
        services.AddSingleton<IEventLog>(Log);
        services.AddSingleton(sp => _feed.Value);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<WallThemeStylesheet>();
        services.AddSingleton(sp => new ConsoleCommandService(Parser, sp.GetRequiredService<DistrictReducer>(), Live, Log, Time,
            NullLogger<ConsoleCommandService>.Instance));
        services.AddScoped<ConsoleSession>();
        services.AddSingleton<IDbConnectionFactory>(Db);
        services.AddSingleton<ItemTimeline>();
        services.AddSingleton(Options.Create(new WhistleOptions()));
        services.AddSingleton(Shapes.Value);
        // The replay wall's history and index over the bed's database (PageBed.WithDatabaseAsync has its tables).
        services.AddSingleton(LiveFixtures.Builder());
        services.AddSingleton<ReplayHistory>();
        services.AddSingleton<ReplayIndex>();
        services.AddSingleton(EventLogStreams.Single(Log));
    }

    /// <summary>Renders in <paramref name="culture"/> from now on, as a circuit started in it would (zh-CN by default).</summary>
    public void UseCulture(CultureInfo culture) => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);

    public static PageBed Director(string street = "ninghailu") => new($"director.{street}", Roles.StreetDirector, street);

    public static PageBed Leader(string street = "ninghailu") => new($"leader.{street}", Roles.StreetLeader, street);

    public static PageBed Liaison(string department) => new($"liaison.{department}", Roles.DepartmentLiaison, department: department);

    /// <summary>Prerendering or static rendering: nothing follows live state.</summary>
    public static PageBed Static() => new(interactive: false);

    public BunitContext Ctx { get; } = new();
    public FakeTimeProvider Time { get; } = new(TestEvents.Noon);

    /// <summary>The clock the page sees: <see cref="Time"/>, counting the page's timers.</summary>
    public TrackingTime Clock { get; }

    /// <summary>The log producers write to; the live state follows it.</summary>
    public InMemoryEventLog Memory { get; } = new();

    /// <summary>The log the command service appends to: <see cref="Memory"/>, unless appends are made to fail.</summary>
    public AppendSwitchLog Log { get; }

    public LiveState Live { get; }
    public IDbConnectionFactory Db { get; }
    public BunitAuthorizationContext Auth { get; }

    /// <summary>The wall feed, started (its first view built) and its timers on <see cref="Time"/>.</summary>
    public WallFeed StartFeed()
    {
        _feed.Value.Start();
        return _feed.Value;
    }

    /// <summary>Signs <paramref name="user"/> in with one role, and their street or department.</summary>
    public void SignIn(string user, string role, string? street = null, string? department = null)
    {
        Auth.SetAuthorized(user);
        Auth.SetRoles(role);
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, user)];
        if (street is not null) claims.Add(new Claim(CcClaims.Street, street));
        if (department is not null) claims.Add(new Claim(CcClaims.Department, department));
        Auth.SetClaims([.. claims]);
    }

    /// <summary>Creates the app's tables, for pages that read the history (timelines).</summary>
    public Task MigrateAsync() => new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).MigrateAsync();

    /// <summary>A bed whose database has the app's tables and whose live state is loaded: for pages with timelines.</summary>
    public static async Task<PageBed> WithDatabaseAsync(string user = "operator", string role = Roles.Operator, string? street = null)
    {
        var bed = new PageBed(user, role, street);
        await bed.MigrateAsync();
        await bed.CatchUpAsync();
        return bed;
    }

    /// <summary>Producer entries appended and applied, as the tail would (one poll).</summary>
    public async Task GivenAsync(params IReadOnlyDictionary<string, string>[] entries)
    {
        foreach (var entry in entries) Memory.Append(entry);
        await CatchUpAsync();
    }

    /// <summary>Events as a producer writes them (source <c>test</c>, no actor, at the clock's time), applied.</summary>
    public Task GivenAsync(string street, params IEventPayload[] payloads) =>
        GivenAsync([.. payloads.Select(p => (IReadOnlyDictionary<string, string>)EnvelopeWriter.ToFields(p, street, "test", Time.GetUtcNow()))]);

    /// <summary>Loads the (empty) snapshot once, then applies what the log holds; listeners (the pages) are told.</summary>
    public async Task CatchUpAsync()
    {
        if (!Live.Current.IsHydrated) await Live.HydrateAsync(default);
        while (await Live.PollOnceAsync(default) > 0) { }
    }

    /// <summary>The tail reads what was appended since; the page renders once its render interval has passed.</summary>
    public async Task TailAsync()
    {
        await CatchUpAsync();
        Time.Advance(LiveComponent.RenderInterval);
    }

    /// <summary>A whistle blown now (two hours to report in) appended as a producer would; <see cref="CatchUpAsync"/> applies it.</summary>
    public Guid Whistle(string street, WhistleLevel level, params string[] departments)
    {
        var id = Guid.NewGuid();
        Memory.Append(EnvelopeWriter.ToFields(new WhistleBlown(id, level, "老旧小区加装电梯协调", departments, Time.GetUtcNow().AddHours(2)),
            street, "test", Time.GetUtcNow()));
        return id;
    }

    /// <summary>What consoles appended (source <c>console</c>) of the given type; producer events are not counted.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> AppendedAsync(string type)
    {
        var entries = await Memory.ReadAfterAsync(LogPosition.Start, 10_000);
        return [.. entries.Select(e => Parser.Parse(e.Fields).Envelope!).Where(e => e.Type == type && e.Source == ActorRoles.ConsoleSource)];
    }

    /// <summary>Writes history rows as the projector would, so a ticket's timeline has something to read.</summary>
    public async Task RecordHistoryAsync(Guid ticketId, params Dictionary<string, string>[] entries)
    {
        await using var connection = await Db.OpenAsync();
        var position = 0;
        foreach (var e in entries)
        {
            await connection.ExecuteAsync("""
                INSERT INTO event_history (log_position, envelope_id, type, street, occurred_at, source, outcome, reason, data, entity_ids)
                VALUES (@Position, @Id, @Type, @Street, @At, @Source, 'applied', NULL, @Data, @Entities)
                """, new
            {
                Position = $"0-{++position}", Id = e[EnvelopeFields.Id], Type = e[EnvelopeFields.Type], Street = e[EnvelopeFields.Street],
                At = e[EnvelopeFields.OccurredAt], Source = e[EnvelopeFields.Source], Data = e[EnvelopeFields.Data], Entities = $"[\"ticket:{ticketId}\"]",
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Ctx.DisposeAsync();
        if (_appScope is { } scope) await scope.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        if (_feed.IsValueCreated) _feed.Value.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a late handle; the OS cleans temp */ }
    }
}
