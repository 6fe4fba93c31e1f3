using System.Security.Claims;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Shared;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Tickets;

public sealed class TicketTimelineTests
{
    private static async Task SendAsync(WallAppFactory factory, ClaimsPrincipal user, IEventPayload payload)
    {
        var data = (System.Text.Json.Nodes.JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(payload, payload.GetType(), EventJson.Options)!;
        var result = await factory.Services.GetRequiredService<ConsoleCommandService>()
            .ExecuteAsync(user, new ConsoleCommand(EventTypes.NameOf(payload), "ninghailu", data));
        Assert.Equal(CommandStatus.Appended, result.Status);
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.LastEventId == result.EventId, "the live state applied the command");
    }

    [Fact]
    public async Task ForAsync_TicketMovedByConsole_ListsItsEventsInOrderWithTheConsoleActor()
    {
        await using var factory = new WallAppFactory();
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.IsHydrated, "the live state has loaded");
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var received = EnvelopeWriter.ToFields(new TicketReceived(id, "12345", "噪音扰民", "夜间施工", "138****0000", at.AddDays(1)), "ninghailu", "hotline-12345", at);
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([received]);
        await TestWait.UntilAsync(() => live.Current.State.Tickets.ContainsKey(id), "the live state has the ticket");
        var operatorUser = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "u-operator-1"), new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, Roles.Operator)], "test"));

        await SendAsync(factory, operatorUser, new TicketAssigned(id, "enforcement-bureau"));
        await SendAsync(factory, operatorUser, new TicketFeedback(id, "已责令停止夜间施工"));

        var timeline = factory.Services.GetRequiredService<ItemTimeline>();
        IReadOnlyList<TimelineEntry> entries = [];
        await TestWait.UntilAsync(async () => (entries = await timeline.ForAsync(EntityKind.Ticket, id, "ninghailu")).Count == 3,
            "the projector recorded the three steps");
        Assert.Equal([EventTypes.TicketReceived, EventTypes.TicketAssigned, EventTypes.TicketFeedback], entries.Select(e => e.Type));
        Assert.True(entries[0].Seq < entries[1].Seq && entries[1].Seq < entries[2].Seq);
        Assert.Equal(received[EnvelopeFields.Id], entries[0].EnvelopeId);
        Assert.Null(entries[0].Actor);
        Assert.Equal("hotline-12345", entries[0].Source);
        Assert.All(entries.Skip(1), e =>
        {
            Assert.Equal(ActorRoles.ConsoleSource, e.Source);
            Assert.Equal(new Actor("u-operator-1", ActorRoles.Operator), e.Actor);
        });
    }
}
