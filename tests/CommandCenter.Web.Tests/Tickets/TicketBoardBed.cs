using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Tests.Fakes;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Tickets;

/// <summary>
/// What the ticket board needs in a bunit context: a live state following an in-memory log, a fixed clock, the real
/// console command service (appends can be made to fail), and a temp SQLite database for the timeline.
/// </summary>
internal sealed class TicketBoardBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.FromHours(8));

    private readonly string _dir = Directory.CreateTempSubdirectory("cc-tickets-").FullName;

    private TicketBoardBed()
    {
        Log = new AppendSwitchLog(Memory);
        Live = LiveFixtures.LiveState(Time, Memory);
        Db = new SqliteConnectionFactory($"Data Source={Path.Combine(_dir, "timeline.db")}");
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddSingleton<TimeProvider>(Time);
        Ctx.Services.AddSingleton(DistrictModel.Gulou);
        Ctx.Services.AddSingleton(Live);
        Ctx.Services.AddSingleton<Core.EventLog.IEventLog>(Log);
        Ctx.Services.AddSingleton(new ConsoleCommandService(new EnvelopeParser(DistrictModel.Gulou), new DistrictReducer(DistrictModel.Gulou),
            Live, Log, Time, NullLogger<ConsoleCommandService>.Instance));
        Ctx.Services.AddScoped<ConsoleSession>();
        Ctx.Services.AddSingleton<IDbConnectionFactory>(Db);
        Ctx.Services.AddSingleton<ItemTimeline>();
        Auth = Ctx.AddAuthorization();
        Ctx.SetRendererInfo(new RendererInfo("Server", true));
    }

    public BunitContext Ctx { get; } = new();
    public FakeTimeProvider Time { get; } = new(Now);
    public InMemoryEventLog Memory { get; } = new();
    public AppendSwitchLog Log { get; }
    public LiveState Live { get; }
    public IDbConnectionFactory Db { get; }
    public BunitAuthorizationContext Auth { get; }

    public static async Task<TicketBoardBed> StartAsync(string user = "operator", string role = Roles.Operator, string? street = null)
    {
        var bed = new TicketBoardBed();
        await new MigrationRunner(bed.Db, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        await bed.Live.HydrateAsync(default);
        bed.Auth.SetAuthorized(user);
        bed.Auth.SetRoles(role);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user) };
        if (street is not null) claims.Add(new Claim(CcClaims.Street, street));
        bed.Auth.SetClaims([.. claims]);
        return bed;
    }

    /// <summary>Producer events (source hotline-12345), applied to the live state at once.</summary>
    public async Task AppendAsync(params Dictionary<string, string>[] entries)
    {
        foreach (var entry in entries) Memory.Append(entry);
        await CatchUpAsync();
    }

    /// <summary>Applies what the log holds, as the live tail would; listeners (the board) are told.</summary>
    public async Task CatchUpAsync()
    {
        while (await Live.PollOnceAsync(default) > 0) { }
    }

    public static Dictionary<string, string> Event(IEventPayload payload, DateTimeOffset at, string street = "ninghailu", Actor? actor = null) =>
        EnvelopeWriter.ToFields(payload, street, actor is null ? "hotline-12345" : ActorRoles.ConsoleSource, at, actor: actor);

    public static Dictionary<string, string> Received(Guid id, DateTimeOffset at, DateTimeOffset due, string street = "ninghailu", string category = "噪音扰民", string content = "夜间施工噪音") =>
        Event(new TicketReceived(id, "12345", category, content, "138****0000", due, "某小区"), at, street);

    /// <summary>Writes history rows as the projector would, so the timeline has something to read.</summary>
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
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* a late handle; the OS cleans temp */ }
    }
}
