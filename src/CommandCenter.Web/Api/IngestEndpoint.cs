using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Geography;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Web.Api;

/// <summary>
/// <c>POST /api/v1/events</c>: a producer system appends a batch of envelopes (a JSON array, at most 1,000 and 1 MB)
/// with its API key. Every envelope must pass <see cref="EnvelopeParser"/>, name the key's own source and be of an
/// event family that source may append (<see cref="ProducerSystems"/>); one bad envelope refuses the whole batch and
/// nothing is appended: 403 problem+json when an envelope is of a family the key may not append, else 400, each naming
/// every bad item. An envelope may give <c>lat</c>/<c>long</c> instead of <c>street</c> (<see cref="IngestLocation"/>).
/// </summary>
internal static class IngestEndpoint
{
    public const int MaxEnvelopes = 1000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/events", HandleAsync)
            .RequireAuthorization(Policies.Producer)
            .RequireRateLimiting(RateLimits.Ingest)
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimits.MaxBody))
            .DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext http, EnvelopeParser parser, IEventLog log, ProducerSystems producers,
        StreetLocator locator, CancellationToken ct)
    {
        var source = http.User.FindFirst(CcClaims.ApiKeySource)!.Value;
        if (http.Request.ContentLength > RequestLimits.MaxBody)
            return TooLarge();
        var body = await RequestBody.ReadLimitedAsync(http.Request.Body, RequestLimits.MaxBody, ct);
        if (body is null)
            return TooLarge();

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Results.Problem(title: "the body is not JSON", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return Results.Problem(title: "the body must be a JSON array of envelopes", statusCode: StatusCodes.Status400BadRequest);
            var count = document.RootElement.GetArrayLength();
            if (count == 0 || count > MaxEnvelopes)
                return Results.Problem(title: $"a batch holds 1 to {MaxEnvelopes} envelopes, not {count}", statusCode: StatusCodes.Status400BadRequest);

            var batch = new List<IReadOnlyDictionary<string, string>>(count);
            var errors = new List<object>();
            var forbidden = false;
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var (fields, problem) = IngestLocation.Fill(ToFields(item), item, locator);
                if (problem is null && fields![EnvelopeFields.Source] != source)
                    problem = $"source '{fields[EnvelopeFields.Source]}' is not this key's source '{source}'";
                if (problem is null && item.TryGetProperty(EnvelopeFields.Data, out var data) && JsonShape.AmbiguousMembers(data) is { } ambiguous)
                    problem = $"data is ambiguous: {ambiguous}";
                if (problem is null && parser.Parse(fields!) is { IsValid: false } parsed)
                    problem = parsed.Error;
                if (problem is null && !EventTypes.Domain.Contains(fields![EnvelopeFields.Type]))
                    problem = $"'{fields[EnvelopeFields.Type]}' is a notice the pipeline writes itself; producers cannot append it";
                if (problem is null && producers.ProblemAppending(source, fields![EnvelopeFields.Type]) is { } notTheirs)
                    (problem, forbidden) = (notTheirs, true);
                if (problem is null)
                    batch.Add(fields!);
                else
                    errors.Add(new { index, id = fields?.GetValueOrDefault(EnvelopeFields.Id), error = problem });
                index++;
            }
            if (errors.Count > 0)
                return Results.Problem(
                    title: forbidden ? $"{errors.Count} of {count} envelopes are refused (this key's source may not append some of them); none was appended"
                        : $"{errors.Count} of {count} envelopes are invalid; none was appended",
                    statusCode: forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = errors });

            var positions = await log.AppendAsync(batch, ct);
            return Results.Json(new { appended = positions.Count, first = positions[0].ToString(), last = positions[^1].ToString() },
                statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>An envelope object's fields as the log keeps them (strings; <c>data</c> as JSON text).</summary>
    internal static (Dictionary<string, string>? Fields, string? Problem) ToFields(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return (null, "not a JSON object");
        var fields = new Dictionary<string, string>();
        foreach (var property in item.EnumerateObject())
            fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        var missing = EnvelopeFields.All.Where(f => !fields.ContainsKey(f)).ToList();
        return missing.Count > 0 ? (fields, $"missing {string.Join(", ", missing)}") : (fields, null);
    }

    private static IResult TooLarge() =>
        Results.Problem(title: $"the body is larger than {RequestLimits.MaxBody / 1024} KB", statusCode: StatusCodes.Status413PayloadTooLarge);
}
