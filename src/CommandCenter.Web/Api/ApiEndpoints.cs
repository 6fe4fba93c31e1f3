using System.Text.Json;
using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Text;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Shared;

namespace CommandCenter.Web.Api;

/// <summary>
/// The HTTP API under /api/v1. Everything needs a person (the fallback policy) unless it names another policy;
/// results are cut to the caller's scope by the permission table (Core/Access/Permissions): a street director or leader
/// sees their street, a liaison the whistles that summon their department, district-wide roles everything. A refused
/// command's problem carries its typed <c>code</c> (kebab-case) beside the words.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapCommandCenterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        IngestEndpoint.Map(api);
        api.MapPost("/commands", ExecuteAsync).RequireAuthorization(Policies.Console).RequireRateLimiting(RateLimits.Commands);
        // Operational data: never for the administrator (the permission table's View.Whistles), each item then cut to the caller's scope.
        api.MapGet("/whistles", Whistles).RequireAuthorization(Policies.Whistles);
        api.MapGet("/search", Search).RequireAuthorization(Policies.Whistles);
        api.MapGet("/export/whistles.csv", ExportWhistles).RequireAuthorization(Policies.Whistles);
        return app;
    }

    private static async Task<IResult> ExecuteAsync(ConsoleCommandService commands, HttpContext http, CancellationToken ct)
    {
        var (command, problem) = await CommandRequest.ReadAsync(http.Request, ct);
        if (command is null)
            return Results.Problem(title: "malformed command", detail: problem, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["code"] = "malformed" });
        var result = await commands.ExecuteAsync(http.User, command, ct);
        var code = result.Code == RejectionCode.None ? null
            : new Dictionary<string, object?> { ["code"] = JsonNamingPolicy.KebabCaseLower.ConvertName(result.Code.ToString()) };
        return result.Status switch
        {
            CommandStatus.Appended => Results.Json(new { eventId = result.EventId }, statusCode: StatusCodes.Status202Accepted),
            CommandStatus.Forbidden => Results.Problem(title: "forbidden", detail: result.Reason, statusCode: StatusCodes.Status403Forbidden, extensions: code),
            CommandStatus.Invalid => Results.Problem(title: "invalid command", detail: result.Reason, statusCode: StatusCodes.Status400BadRequest, extensions: code),
            CommandStatus.Unavailable => Results.Problem(title: "event log unavailable", detail: result.Reason, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Problem(title: "not allowed now", detail: result.Reason, statusCode: StatusCodes.Status409Conflict, extensions: code),
        };
    }

    private static IResult Whistles(string? street, LiveState live, HttpContext http)
    {
        var actor = http.User.ToActor();
        if (street is not null && (actor is null || !Permissions.CanRead(actor, street)))
            return Results.Problem(title: "forbidden", detail: $"street '{street}' is outside your scope", statusCode: StatusCodes.Status403Forbidden);
        var visible = VisibleWhistles(actor, live.Current.State).Where(w => street is null || w.Street == street);
        return Results.Json(visible.OrderByDescending(w => w.BlownAt).Select(w => new
        {
            id = w.Id, street = w.Street, level = w.Level.ToString(), title = w.Title, status = w.Status.ToString(),
            departments = w.Departments.Select(d => d.Department), blownBy = w.BlownBy, blownAt = w.BlownAt,
        }));
    }

    private static IResult Search(string? q, LiveState live, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 100)
            return Results.Problem(title: "q is required (at most 100 characters)", statusCode: StatusCodes.Status400BadRequest);
        var state = live.Current.State;
        var actor = http.User.ToActor();
        bool Reads(string street) => actor is not null && Permissions.CanRead(actor, street);
        var hits = VisibleWhistles(actor, state).Where(w => w.Title.Contains(q!, StringComparison.OrdinalIgnoreCase))
                .Select(w => new { kind = "whistle", id = w.Id, street = w.Street, text = w.Title })
            .Concat(state.Tickets.Values.Where(t => Reads(t.Street) && t.Content.Contains(q, StringComparison.OrdinalIgnoreCase))
                .Select(t => new { kind = "ticket", id = t.Id, street = t.Street, text = t.Content }))
            .Concat(state.Incidents.Values.Where(i => Reads(i.Street) && i.Title.Contains(q, StringComparison.OrdinalIgnoreCase))
                .Select(i => new { kind = "incident", id = i.Id, street = i.Street, text = i.Title }))
            .Take(200);
        return Results.Json(hits);
    }

    /// <summary>The whistles the caller may see, as a CSV attachment (<see cref="Csv"/>: formula-safe, RFC 4180, BOM).</summary>
    private static IResult ExportWhistles(LiveState live, HttpContext http) =>
        Csv.File("whistles.csv", ["id", "street", "level", "status", "title"],
            VisibleWhistles(http.User.ToActor(), live.Current.State).OrderBy(w => w.BlownAt)
                .Select(w => (IReadOnlyList<string?>)[w.Id.ToString(), w.Street, w.Level.ToString(), w.Status.ToString(), PersonalNumbers.Mask(w.Title)]));

    private static IEnumerable<Whistle> VisibleWhistles(Actor? actor, DistrictState state) =>
        actor is null ? [] : state.Whistles.Values.Where(w => Permissions.CanSee(actor, w));
}
