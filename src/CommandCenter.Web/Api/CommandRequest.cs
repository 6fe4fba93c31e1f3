using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Core.Events;
using CommandCenter.Web.Shared;

namespace CommandCenter.Web.Api;

/// <summary>
/// The body of <c>POST /api/v1/commands</c> (<c>{"type": …, "street": …, "data": {…}}</c>), read by hand rather than by the
/// binder so that every malformed body is a 400 with the reason (never a 500 from a binder that throws on
/// <c>actor</c> beside <c>Actor</c>), and so that nothing of it is stored unless it is a well-formed command: no member
/// named twice in any letter case, and no <c>actor</c> in <c>data</c> (who acted is the server's word, from the sign-in).
/// </summary>
internal static class CommandRequest
{
    /// <summary>A command's data is at most the event limit; the rest of the body is two short strings.</summary>
    public const int MaxBytes = EnvelopeLimits.MaxDataBytes + 4 * 1024;

    public static async Task<(ConsoleCommand? Command, string? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, "send the command as JSON (Content-Type: application/json)");
        if (request.ContentLength > MaxBytes)
            return (null, $"the body is larger than {MaxBytes} bytes");
        var body = await RequestBody.ReadLimitedAsync(request.Body, MaxBytes, ct);
        if (body is null)
            return (null, $"the body is larger than {MaxBytes} bytes");
        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            return (null, $"the body is not JSON: {ex.Message}");
        }
    }

    public static (ConsoleCommand? Command, string? Problem) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, "the body must be a JSON object {\"type\", \"street\", \"data\"}");
        if (JsonShape.AmbiguousMembers(root) is { } ambiguous)
            return (null, $"the command is ambiguous: {ambiguous}");
        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } typeName)
            return (null, "'type' is required: an event type such as ticket.assigned");
        if (!root.TryGetProperty("street", out var street) || street.ValueKind != JsonValueKind.String || street.GetString() is not { Length: > 0 } streetCode)
            return (null, "'street' is required: the street code the command is about");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            return (null, "'data' is required: a JSON object, the event's payload");
        if (JsonShape.MemberNamed(data, "actor") is { } actor)
            return (null, $"data must not carry '{actor}': who acted is taken from the sign-in");
        return (new ConsoleCommand(typeName, streetCode, JsonObject.Create(data.Clone())!), null);
    }
}

/// <summary>Request bodies read with a ceiling, so an oversized body is refused without being buffered whole.</summary>
internal static class RequestBody
{
    /// <summary>The body's bytes, or null when it holds more than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
