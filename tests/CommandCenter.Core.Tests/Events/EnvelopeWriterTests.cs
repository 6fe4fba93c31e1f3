using System.Text.Json.Nodes;
using CommandCenter.Core.Events;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Events;

public sealed class EnvelopeWriterTests
{
    [Fact]
    public void ToFields_JsonPayloadWithAnActor_WritesTheWritersActorAndLeavesTheInputAlone()
    {
        var data = JsonNode.Parse("""{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","content":"已处理","actor":{"userId":"forged","role":"admin"}}""")!.AsObject();
        var actor = new Actor("dispatcher", ActorRoles.Dispatcher);

        var fields = EnvelopeWriter.ToFields(EventTypes.TicketFeedback, data, Flow.Street, ActorRoles.ConsoleSource, Flow.Start, actor: actor);
        var envelope = Flow.Parser.Parse(fields).Envelope!;

        Assert.Equal(actor, envelope.Actor);
        Assert.Equal("forged", data["actor"]!["userId"]!.GetValue<string>());
        Assert.Equal(EnvelopeWriter.FormatTime(Flow.Start), fields[EnvelopeFields.OccurredAt]);
        Assert.Equal(EnvelopeFields.All.Order(), fields.Keys.Order());
    }

    [Fact]
    public void ToFields_TypedAndJsonPayload_WriteTheSameEntry()
    {
        var payload = new TicketFeedback(Guid.NewGuid(), "已处理");
        var id = Guid.NewGuid();
        var json = System.Text.Json.JsonSerializer.SerializeToNode(payload, EventJson.Options)!.AsObject();

        Assert.Equal(
            EnvelopeWriter.ToFields(payload, Flow.Street, "console", Flow.Start, id),
            EnvelopeWriter.ToFields(EventTypes.TicketFeedback, json, Flow.Street, "console", Flow.Start, id));
    }
}
