using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommandCenter.Core.Events;

/// <summary>
/// Builds the fields of a log entry: the producer side of <see cref="EnvelopeParser"/>, used by every writer in the
/// repository (the console's command service, Open311, the deadline watcher, the simulator, the <c>cc</c> producer).
/// </summary>
public static class EnvelopeWriter
{
    public static Dictionary<string, string> ToFields(
        IEventPayload payload, string street, string source, DateTimeOffset occurredAt, Guid? id = null, Actor? actor = null) =>
        Build(EventTypes.NameOf(payload), JsonSerializer.SerializeToNode(payload, payload.GetType(), EventJson.Options)!.AsObject(),
            street, source, occurredAt, id, actor);

    /// <summary>
    /// The same for a payload that is still JSON, such as a command as the API received it (the parser then says
    /// whether it fits its type). <paramref name="data"/> is copied, never changed; an <paramref name="actor"/> replaces
    /// any <c>actor</c> member it holds, so who acted is always the writer's word.
    /// </summary>
    public static Dictionary<string, string> ToFields(
        string type, JsonObject data, string street, string source, DateTimeOffset occurredAt, Guid? id = null, Actor? actor = null) =>
        Build(type, (JsonObject)data.DeepClone(), street, source, occurredAt, id, actor);

    /// <summary>Writes the fields around <paramref name="data"/>, which this call owns (it may add the actor).</summary>
    private static Dictionary<string, string> Build(
        string type, JsonObject data, string street, string source, DateTimeOffset occurredAt, Guid? id, Actor? actor)
    {
        if (actor is not null)
            data["actor"] = JsonSerializer.SerializeToNode(actor, EventJson.Options);

        return new Dictionary<string, string>
        {
            [EnvelopeFields.Id] = (id ?? Guid.NewGuid()).ToString(),
            [EnvelopeFields.Type] = type,
            [EnvelopeFields.OccurredAt] = FormatTime(occurredAt),
            [EnvelopeFields.Source] = source,
            [EnvelopeFields.Street] = street,
            [EnvelopeFields.Version] = "1",
            [EnvelopeFields.Data] = data.ToJsonString(EventJson.Options),
        };
    }

    public static string FormatTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
