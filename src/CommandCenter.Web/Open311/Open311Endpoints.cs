using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Time;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Geography;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Open311;

/// <summary>
/// Open311 GeoReport v2 (<c>/open311/v2</c>, JSON and XML) over the 12345 ticket loop: services are the hotline's
/// categories, requests are tickets. Every call, reads included, carries a producer API key as <c>api_key</c>
/// (query or form; the <c>X-Api-Key</c> header also works); a posted request is appended as <c>ticket.received</c> with
/// the key's source. Reads come from the live state, so a request just posted is listed once the live state has
/// applied it (usually within milliseconds). Errors are the spec's <c>[{"code":…,"description":…}]</c>. See docs/open311.md.
/// </summary>
public static class Open311Endpoints
{
    public const string Root = "/open311/v2";

    /// <summary>A district-wide jurisdiction: absent, the district's division code or its pinyin name.</summary>
    private static readonly string[] Jurisdictions = ["320106", "gulou"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Chinese stays readable text; characters HTML cares about are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup(Root).RequireAuthorization(Open311KeyAuthenticationHandler.Policy).DisableAntiforgery().RequireRateLimiting(RateLimits.Ingest)
            .AddEndpointFilter<Open311FormatFilter>();
        // Every resource in both formats of the spec: {format} is json or xml (Open311Xml).
        v2.MapGet("/services.{format:regex(^(json|xml)$)}", Services).WithMetadata(Open311XmlRoot.Services);
        v2.MapGet("/services/{code}.{format:regex(^(json|xml)$)}", Definition).WithMetadata(Open311XmlRoot.ServiceDefinition);
        v2.MapGet("/requests.{format:regex(^(json|xml)$)}", List).WithMetadata(Open311XmlRoot.Requests);
        v2.MapGet("/requests/{id}.{format:regex(^(json|xml)$)}", One).WithMetadata(Open311XmlRoot.Requests);
        v2.MapPost("/requests.{format:regex(^(json|xml)$)}", PostAsync).WithMetadata(Open311XmlRoot.Requests);
        v2.Map("/{**rest}", (string? rest) => Error(StatusCodes.Status404NotFound, UiText.Local("没有这个 Open311 资源：{0}/{1}（资源以 .json 或 .xml 结尾）", Root, rest)));
        return app;
    }

    private static IResult Services(HttpContext http)
    {
        if (Refusal(http, form: null) is { } refused) return refused;
        return Results.Json(Open311Services.All.Select(s => new
        {
            service_code = s.Code,
            service_name = Cultures.Current.IsEnglish() ? s.NameEn : s.Category,
            description = UiText.Local(s.Description),
            metadata = true, // services/{code}.json defines the optional attributes
            type = "realtime",
            keywords = s.Keywords,
            group = UiText.Local(s.Group),
        }), Json);
    }

    private static IResult Definition(string code, HttpContext http, DistrictModel district)
    {
        if (Refusal(http, form: null) is { } refused) return refused;
        return Open311Services.Find(code) is { } service
            ? Results.Json(Open311ServiceDefinitions.Of(service, district), Json)
            : Error(StatusCodes.Status404NotFound, UiText.Local("service_code '{0}' 不是本系统的服务（GET services.json 列出所有服务）", code));
    }

    private static IResult List(HttpContext http, LiveState live, DistrictModel district, TimeProvider time)
    {
        if (Refusal(http, form: null) is { } refused) return refused;
        if (NotReady(live) is { } notReady) return notReady;
        var now = time.GetUtcNow();
        var (query, error) = Open311Query.Parse(http.Request.Query, now);
        if (query is null) return Error(StatusCodes.Status400BadRequest, error!);
        return Results.Json(query.Apply(live.Current.State.Tickets.Values).Select(t => Open311Request.From(t, district, now)), Json);
    }

    private static IResult One(string id, HttpContext http, LiveState live, DistrictModel district, TimeProvider time)
    {
        if (Refusal(http, form: null) is { } refused) return refused;
        if (NotReady(live) is { } notReady) return notReady;
        if (!Guid.TryParse(id, out var ticketId) || !live.Current.State.Tickets.TryGetValue(ticketId, out var ticket))
            return Error(StatusCodes.Status404NotFound, UiText.Local("未找到服务请求 '{0}'（刚提交的请求在实时状态应用后才列出，请稍后重试）", id));
        return Results.Json(new[] { Open311Request.From(ticket, district, time.GetUtcNow()) }, Json);
    }

    private static async Task<IResult> PostAsync(HttpContext http, DistrictModel district, StreetLocator locator, EnvelopeParser parser,
        IEventLog log, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, UiText.Local("请按 GeoReport v2 的规定以表单编码（application/x-www-form-urlencoded）提交"));
        var form = await http.Request.ReadFormAsync(ct);
        if (Refusal(http, form) is { } refused) return refused;
        var source = http.User.FindFirst(CcClaims.ApiKeySource)!.Value;

        var (submission, problem) = Open311Submission.Parse(form, district, locator);
        if (submission is null) return Error(StatusCodes.Status400BadRequest, problem!);

        var now = time.GetUtcNow();
        var ticketId = Guid.NewGuid();
        var dueAt = now + submission.Service.DueIn;
        var payload = new TicketReceived(ticketId, submission.Channel, submission.Service.Category, submission.Description,
            submission.CallerMasked, dueAt, submission.Address);
        var fields = EnvelopeWriter.ToFields(payload, submission.Street, source, DistrictClock.ToLocal(now));
        if (parser.Parse(fields) is { IsValid: false } parsed)
            return Error(StatusCodes.Status400BadRequest, parsed.Error!);

        try
        {
            await log.AppendAsync([fields], ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(Open311Endpoints)).LogWarning(ex, "Open311 request from {Source} not appended", source);
            return Error(StatusCodes.Status503ServiceUnavailable, UiText.Local("事件日志未接收该请求，未记录任何内容，请重试"));
        }

        http.Response.Headers.Location = $"{Root}/requests/{ticketId}.{(Open311Xml.Wanted(http.Request) ? "xml" : "json")}";
        return Results.Json(new[]
        {
            new
            {
                service_request_id = ticketId.ToString(),
                service_notice = UiText.Local("已受理，{0} 前办结", Open311Request.Time(dueAt)),
                account_id = (string?)null,
            },
        }, Json, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// 403 for a key whose source may not append tickets (Open311 is the 12345 ticket loop: only the hotline's systems
    /// use it, to read or to post); 404 for another jurisdiction than ours; null when the call may go on. The key itself
    /// was checked by the scheme.
    /// </summary>
    private static IResult? Refusal(HttpContext http, IFormCollection? form)
    {
        var source = http.User.FindFirst(CcClaims.ApiKeySource)?.Value ?? "";
        if (!http.RequestServices.GetRequiredService<ProducerSystems>().MayAppend(source, EventTypes.TicketReceived))
            return Error(StatusCodes.Status403Forbidden, UiText.Local("api_key 不适用于此接口：来源 '{0}' 不处理 12345 工单", source));
        var jurisdiction = Text(http.Request.Query["jurisdiction_id"]) ?? (form is null ? null : Text(form["jurisdiction_id"]));
        return jurisdiction is null || Jurisdictions.Contains(jurisdiction, StringComparer.OrdinalIgnoreCase) ? null
            : Error(StatusCodes.Status404NotFound, UiText.Local("本接口不服务 jurisdiction_id '{0}'；本接口服务 {1}", jurisdiction, string.Join(" / ", Jurisdictions)));
    }

    private static IResult? NotReady(LiveState live) => live.Current.IsHydrated ? null
        : Error(StatusCodes.Status503ServiceUnavailable, UiText.Local("指挥中心仍在加载状态，请稍后重试"));

    private static string? Text(Microsoft.Extensions.Primitives.StringValues values) => values.ToString().Trim() is { Length: > 0 } v ? v : null;

    /// <summary>The spec's error body: an array of code and description, with the same HTTP status.</summary>
    public static IResult Error(int status, string description) =>
        Results.Json(new[] { new { code = status, description } }, Json, statusCode: status);
}
