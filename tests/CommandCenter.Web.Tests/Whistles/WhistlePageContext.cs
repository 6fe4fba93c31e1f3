using System.Security.Claims;
using Bunit;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Whistles;

/// <summary>
/// A bunit context for the whistle pages: a live state over an in-memory log (what the test appends is applied by
/// <see cref="CatchUpAsync"/>), the real command service and session, a signed-in person, the district clock at noon.
/// </summary>
internal sealed class WhistlePageContext : IAsyncDisposable
{
    public const string Street = "ninghailu";

    private readonly string _dir = Directory.CreateTempSubdirectory("cc-whistle-bunit-").FullName;

    public WhistlePageContext(string user, string role, string? street = null, string? department = null, bool interactive = true)
    {
        Live = LiveFixtures.LiveState(Time, Log);
        var auth = Context.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user) };
        if (street is not null) claims.Add(new Claim(CcClaims.Street, street));
        if (department is not null) claims.Add(new Claim(CcClaims.Department, department));
        auth.SetClaims([.. claims]);
        Context.Services.AddSingleton<TimeProvider>(Time);
        Context.Services.AddSingleton(DistrictModel.Gulou);
        Context.Services.AddSingleton(Live);
        Context.Services.AddSingleton(new ConsoleCommandService(new EnvelopeParser(DistrictModel.Gulou), new DistrictReducer(DistrictModel.Gulou),
            Live, Log, Time, NullLogger<ConsoleCommandService>.Instance));
        Context.Services.AddScoped<ConsoleSession>();
        Context.Services.AddSingleton(Options.Create(new WhistleOptions()));
        // No event history here: the timeline says so on the page, which these tests do not look at.
        Context.Services.AddSingleton<IDbConnectionFactory>(new SqliteConnectionFactory($"Data Source={Path.Combine(_dir, "none.db")}"));
        Context.Services.AddSingleton<ItemTimeline>();
        Context.AddWallServices();
        Context.SetRendererInfo(new RendererInfo(interactive ? "Server" : "Static", interactive));

    }

    public static WhistlePageContext Director(string street = Street) => new($"director.{street}", Roles.StreetDirector, street);

    public static WhistlePageContext Leader(string street = Street) => new($"leader.{street}", Roles.StreetLeader, street);

    public static WhistlePageContext Liaison(string department) => new($"liaison.{department}", Roles.DepartmentLiaison, department: department);

    public BunitContext Context { get; } = new();
    public FakeTimeProvider Time { get; } = new(TestEvents.Noon);
    public InMemoryEventLog Log { get; } = new();
    public LiveState Live { get; }

    /// <summary>Appends events as a producer would (source <c>test</c>, no actor) and applies them to the live state.</summary>
    public async Task GivenAsync(string street, params IEventPayload[] payloads)
    {
        foreach (var payload in payloads)
            Log.Append(EnvelopeWriter.ToFields(payload, street, "test", Time.GetUtcNow()));
        await CatchUpAsync();
    }

    public async Task CatchUpAsync()
    {
        if (!Live.Current.IsHydrated)
            await Live.HydrateAsync(default);
        while (await Live.PollOnceAsync(default) > 0) { }
    }

    /// <summary>Appends a whistle blown now with a two-hour report-in deadline; <see cref="CatchUpAsync"/> applies it.</summary>
    public Guid Whistle(string street, WhistleLevel level, params string[] departments)
    {
        const string title = "老旧小区加装电梯协调";
        var id = Guid.NewGuid();
        Log.Append(EnvelopeWriter.ToFields(new WhistleBlown(id, level, title, departments, Time.GetUtcNow().AddHours(2)), street, "test", Time.GetUtcNow()));
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a pooled SQLite handle; the OS cleans temp later
        }
    }
}
