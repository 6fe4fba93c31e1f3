using System.Globalization;
using System.Text.Json;

namespace CommandCenter.Core.Events;

/// <summary>Builds the fields of a log entry from a typed payload: the producer side of <see cref="EnvelopeParser"/>.</summary>
public static class EnvelopeWriter
{
    public static Dictionary<string, string> ToFields(
        IEventPayload payload, string street, string source, DateTimeOffset occurredAt, Guid? id = null, Actor? actor = null)
    {
        var data = JsonSerializer.SerializeToNode(payload, payload.GetType(), EventJson.Options)!.AsObject();
        if (actor is not null)
            data["actor"] = JsonSerializer.SerializeToNode(actor, EventJson.Options);

        return new Dictionary<string, string>
        {
            [EnvelopeFields.Id] = (id ?? Guid.NewGuid()).ToString(),
            [EnvelopeFields.Type] = EventTypes.NameOf(payload),
            [EnvelopeFields.OccurredAt] = FormatTime(occurredAt),
            [EnvelopeFields.Source] = source,
            [EnvelopeFields.Street] = street,
            [EnvelopeFields.Version] = "1",
            [EnvelopeFields.Data] = data.ToJsonString(EventJson.Options),
        };
    }

    public static string FormatTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
