using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Kiosk;

/// <summary>
/// The example: a department liaison or another street's director acknowledging a takeover cleared it on every
/// screen. Only operators, dispatchers and district leaders may (the permission table); for anyone else nothing changes.
/// </summary>
public sealed class TakeoverAcknowledgeTests
{
    [Fact]
    public async Task Acknowledge_OnlyByOperatorsDispatchersAndDistrictLeaders()
    {
        await using var factory = new WallAppFactory();
        var takeovers = factory.Services.GetRequiredService<TakeoverService>();
        var at = DateTimeOffset.UtcNow;
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([EnvelopeWriter.ToFields(
            new IncidentReported(Guid.NewGuid(), TestEvents.Grid("hunanlu"), "安全隐患", 1, "燃气泄漏", DueAt: at.AddHours(1)), "hunanlu", "grid-app", at)]);
        await TestWait.UntilAsync(() => !takeovers.Active.IsEmpty, "the severity-1 incident takes over the screens");
        var id = takeovers.Active[0].Id;

        Actor[] refused =
        [
            new("liaison.chengguan", ActorRoles.DepartmentLiaison, Department: "chengguan"),
            new("director.ninghailu", ActorRoles.StreetDirector, "ninghailu"),
            new("director.hunanlu", ActorRoles.StreetDirector, "hunanlu"),
            new("leader.hunanlu", ActorRoles.StreetLeader, "hunanlu"),
            new("admin", ActorRoles.Admin),
        ];
        Assert.All(refused, actor => Assert.False(takeovers.Acknowledge(actor, id), actor.UserId));
        Assert.False(takeovers.Acknowledge(null, id));
        Assert.Contains(takeovers.Active, t => t.Id == id);

        Assert.True(takeovers.Acknowledge(new Actor("dispatcher", ActorRoles.Dispatcher), id));
        Assert.DoesNotContain(takeovers.Active, t => t.Id == id);
    }
}
