using System.Globalization;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Text;

namespace CommandCenter.Core.Events;

/// <summary>
/// Turns a log entry's fields into a typed envelope, or says in plain words why it cannot.
/// Structural checks only (fields, well-formed text, JSON, sizes, known street and type); domain rules are the
/// reducer's. Total: no input makes it throw (every entry becomes an envelope or a reason; a property test feeds it
/// random and mutated entries), so one bad entry can never stall the projector or a live tail.
/// </summary>
public sealed class EnvelopeParser(DistrictModel district)
{
    /// <summary>Parses a log entry, refusing it first when its adapter could not decode it faithfully.</summary>
    public ParseResult Parse(LogEntry entry) => entry.Problem is { } problem ? ParseResult.Fail(problem) : Parse(entry.Fields);

    public ParseResult Parse(IReadOnlyDictionary<string, string> fields)
    {
        try
        {
            return ParseFields(fields);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The last line of defence: the specific checks below should have named the problem already. The
            // message is deterministic for a given input, so every reader of the log gives the same reason.
            return ParseResult.Fail($"the entry could not be read: {ex.GetType().Name}: {Clip(ex.Message, 200)}");
        }
    }

    private static readonly string[] OccurredAtFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>The envelope's <c>occurredAt</c> rule alone: ISO 8601 with an offset or <c>Z</c> (docs/events.md),
    /// for readers that need only the time of a row they know was parsed once.</summary>
    public static bool TryParseOccurredAt(string? text, out DateTimeOffset occurredAt) =>
        DateTimeOffset.TryParseExact(text, OccurredAtFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out occurredAt);

    private ParseResult ParseFields(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var name in EnvelopeFields.All)
        {
            if (!fields.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
                return ParseResult.Fail($"missing field '{name}'");
            if (!IsWellFormed(value))
                return ParseResult.Fail($"field '{name}' is not well-formed Unicode text (a lone surrogate)");
        }

        var id = fields[EnvelopeFields.Id];
        if (!Guid.TryParse(id, out _))
            return ParseResult.Fail($"field 'id' is not a UUID: '{Clip(id)}'");

        var type = fields[EnvelopeFields.Type];
        if (!EventTypes.PayloadTypes.TryGetValue(type, out var payloadType))
            return ParseResult.Fail($"unknown event type '{Clip(type)}'");

        if (!TryParseOccurredAt(fields[EnvelopeFields.OccurredAt], out var occurredAt))
            return ParseResult.Fail($"field 'occurredAt' is not ISO 8601 with an offset: '{Clip(fields[EnvelopeFields.OccurredAt])}'");

        var street = fields[EnvelopeFields.Street];
        if (!district.StreetsByCode.ContainsKey(street))
            return ParseResult.Fail($"unknown street '{Clip(street)}'");

        if (fields[EnvelopeFields.Version] != "1")
            return ParseResult.Fail($"unsupported schema version '{Clip(fields[EnvelopeFields.Version])}' (expected 1)");

        var source = fields[EnvelopeFields.Source];
        if (source.Length > EnvelopeLimits.MaxShortText)
            return ParseResult.Fail("field 'source' is longer than 200 characters");

        var data = fields[EnvelopeFields.Data];
        var dataBytes = Encoding.UTF8.GetByteCount(data);
        if (dataBytes > EnvelopeLimits.MaxDataBytes)
            return ParseResult.Fail($"data is {dataBytes} bytes, over the limit of {EnvelopeLimits.MaxDataBytes}");

        return ParseData(data, payloadType) switch
        {
            ({ } payload, var actor, null) when PayloadRules.Check(payload) is { } problem => ParseResult.Fail($"{type}: {problem}"),
            ({ } payload, var actor, null) => ParseResult.Ok(new EventEnvelope(id, type, occurredAt, source, street, 1, payload, data, actor)),
            (_, _, var error) => ParseResult.Fail($"{type}: {error}"),
        };
    }

    private static (IEventPayload? Payload, Actor? Actor, string? Error) ParseData(string data, Type payloadType)
    {
        // One pass straight into the payload record: this runs for every event on the projector's hot path.
        try
        {
            if (data.AsSpan().TrimStart() is not ['{', ..])
            {
                // Rare: decide between "valid JSON but not an object" and "not JSON at all".
                using var _ = JsonDocument.Parse(data);
                return (null, null, "data is not a JSON object");
            }
            var payload = (IEventPayload?)JsonSerializer.Deserialize(data, payloadType, EventJson.Options);
            if (payload is null)
                return (null, null, "data is empty");
            return (payload, data.Contains("\"actor\"", StringComparison.Ordinal) ? ParseActor(data) : null, null);
        }
        catch (JsonException ex)
        {
            return (null, null, $"data is not valid for this type: {Clip(ex.Message, 300)}");
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json's answer to an escaped lone surrogate ("\ud800") inside a string.
            return (null, null, $"data holds text that is not valid Unicode: {Clip(ex.Message, 200)}");
        }
    }

    /// <summary>The optional <c>data.actor</c> of events appended by people at a console.</summary>
    private static Actor? ParseActor(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object
            ? actor.Deserialize<Actor>(EventJson.Options)
            : null;
    }

    /// <summary>No lone UTF-16 surrogates: such text cannot be stored or shown faithfully.</summary>
    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c)) continue;
            if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
            i++;
        }
        return true;
    }

    private static string Clip(string value, int max = 80) => TextElements.ClipUnits(value, max);
}
