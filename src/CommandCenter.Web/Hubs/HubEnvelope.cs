using System.Text.Json;
using CommandCenter.Core.Events;

namespace CommandCenter.Web.Hubs;

/// <summary>The envelope of docs/events.md as the hub sends it: the same fields, with <c>data</c> as a JSON object.</summary>
public sealed record HubEnvelope(string Id, string Type, string OccurredAt, string Source, string Street, int V, JsonElement Data)
{
    public static HubEnvelope From(EventEnvelope envelope)
    {
        using var data = JsonDocument.Parse(envelope.DataJson);
        return new HubEnvelope(envelope.Id, envelope.Type, EnvelopeWriter.FormatTime(envelope.OccurredAt), envelope.Source,
            envelope.Street, envelope.Version, data.RootElement.Clone());
    }
}
