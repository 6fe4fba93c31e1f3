using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Street scope and the whistle rules through the API (POST /api/v1/commands, reads, search, export) on the real
/// embedded log; the same rules are in the command service and, from the event's actor, in the reducer.
/// </summary>
public sealed class StreetScopeTests
{
    private static object Blow(Guid id, string street, string level, params string[] departments) => new
    {
        type = "whistle.blown", street,
        data = new { whistleId = id, level, title = "老旧小区加装电梯管线迁移", departments, reportDueAt = DateTimeOffset.UtcNow.AddHours(4) },
    };

    private static async Task<Guid> BlownAsync(WallAppFactory factory, HttpClient director, string street, params string[] departments)
    {
        var id = Guid.NewGuid();
        using var response = await director.PostAsJsonAsync("/api/v1/commands", Blow(id, street, "work-advance", departments));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.Whistles.ContainsKey(id), "the whistle reaches the live state");
        return id;
    }

    [Fact]
    public async Task Blow_ToughProblemByDirectorOfTheStreet_IsAppendedWithTheActor()
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        using var response = await director.PostAsJsonAsync("/api/v1/commands", Blow(Guid.NewGuid(), "ninghailu", "tough-problem", "chengguan"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString();
        var entries = await factory.Services.GetRequiredService<IEventLog>().ReadAfterAsync(LogPosition.Start, 10);
        // The log's own notices (the rules it reduces by) aside, the command is the one entry.
        var envelope = new EnvelopeParser(Core.Reference.DistrictModel.Gulou).Parse(Assert.Single(entries.Appended()).Fields).Envelope!;
        Assert.Equal(eventId, envelope.Id);
        Assert.Equal("console", envelope.Source);
        Assert.Equal(ActorRoles.StreetDirector, envelope.Actor?.Role);
        Assert.Equal("ninghailu", envelope.Actor?.Street);
        Assert.False(string.IsNullOrEmpty(envelope.Actor?.UserId));
    }

    [Fact]
    public async Task Blow_DirectorOfOneStreetOnAnotherStreet_Is403AndNothingAppended()
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        using var response = await director.PostAsJsonAsync("/api/v1/commands", Blow(Guid.NewGuid(), "huaqiaolu", "work-advance", "chengguan"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("huaqiaolu", await response.Content.ReadAsStringAsync());
        Assert.Empty(await factory.Services.GetRequiredService<IEventLog>().AppendedAsync());
    }

    [Fact]
    public async Task Blow_ToughProblemByStreetLeader_Is403_WorkAdvanceIsAccepted()
    {
        await using var factory = new WallAppFactory();
        using var leader = await factory.SignedInClientAsync("leader.ninghailu");

        using var tough = await leader.PostAsJsonAsync("/api/v1/commands", Blow(Guid.NewGuid(), "ninghailu", "tough-problem", "chengguan"));
        using var advance = await leader.PostAsJsonAsync("/api/v1/commands", Blow(Guid.NewGuid(), "ninghailu", "work-advance", "chengguan"));

        Assert.Equal(HttpStatusCode.Forbidden, tough.StatusCode);
        Assert.Contains("street director", await tough.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, advance.StatusCode);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("dispatcher")]
    [InlineData("district")]
    [InlineData("liaison.chengguan")]
    [InlineData("admin")]
    public async Task Blow_ByRoleOutsideTheStreetLeadership_Is403(string userName)
    {
        await using var factory = new WallAppFactory();
        using var client = await factory.SignedInClientAsync(userName);

        using var response = await client.PostAsJsonAsync("/api/v1/commands", Blow(Guid.NewGuid(), "ninghailu", "work-advance", "chengguan"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ReportIn_LiaisonOfADepartmentNotSummoned_IsAnsweredAsForAnUnknownWhistle_SummonedLiaisonIsAccepted()
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");
        var whistle = await BlownAsync(factory, director, "ninghailu", "chengguan", "market");
        using var housing = await factory.SignedInClientAsync("liaison.housing");
        using var chengguan = await factory.SignedInClientAsync("liaison.chengguan");

        using var notSummoned = await housing.PostAsJsonAsync("/api/v1/commands",
            new { type = "whistle.department-reported", street = "ninghailu", data = new { whistleId = whistle, department = "housing" } });
        using var posingAsAnother = await housing.PostAsJsonAsync("/api/v1/commands",
            new { type = "whistle.department-reported", street = "ninghailu", data = new { whistleId = whistle, department = "chengguan" } });
        using var summoned = await chengguan.PostAsJsonAsync("/api/v1/commands",
            new { type = "whistle.department-reported", street = "ninghailu", data = new { whistleId = whistle, department = "chengguan", note = "已到场" } });

        // A whistle that does not summon their department is outside their scope: answered exactly as an unknown whistle.
        using var unknown = await housing.PostAsJsonAsync("/api/v1/commands",
            new { type = "whistle.department-reported", street = "ninghailu", data = new { whistleId = Guid.NewGuid(), department = "housing" } });
        Assert.Equal(unknown.StatusCode, notSummoned.StatusCode);
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Length, (await notSummoned.Content.ReadAsStringAsync()).Length);
        Assert.Equal(HttpStatusCode.Forbidden, posingAsAnother.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, summoned.StatusCode);
    }

    [Fact]
    public async Task Feedback_LiaisonOfADepartmentNotSummoned_Is403()
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");
        var whistle = await BlownAsync(factory, director, "ninghailu", "chengguan");
        using var housing = await factory.SignedInClientAsync("liaison.housing");

        using var response = await housing.PostAsJsonAsync("/api/v1/commands",
            new { type = "whistle.resolved", street = "ninghailu", data = new { whistleId = whistle, feedback = "已处理" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Read_DirectorOfOneStreet_SeesOnlyTheirStreetInListsSearchAndExports()
    {
        await using var factory = new WallAppFactory();
        using var ninghailu = await factory.SignedInClientAsync("director.ninghailu");
        using var huaqiaolu = await factory.SignedInClientAsync("director.huaqiaolu");
        var own = await BlownAsync(factory, ninghailu, "ninghailu", "chengguan");
        var other = await BlownAsync(factory, huaqiaolu, "huaqiaolu", "housing");

        using var otherStreet = await ninghailu.GetAsync("/api/v1/whistles?street=huaqiaolu");
        var list = await ninghailu.GetStringAsync("/api/v1/whistles");
        var search = await ninghailu.GetStringAsync("/api/v1/search?q=" + Uri.EscapeDataString("加装电梯"));
        var export = await ninghailu.GetStringAsync("/api/v1/export/whistles.csv");
        var district = await (await factory.SignedInClientAsync("operator")).GetStringAsync("/api/v1/whistles");
        var liaison = await (await factory.SignedInClientAsync("liaison.housing")).GetStringAsync("/api/v1/whistles");

        Assert.Equal(HttpStatusCode.Forbidden, otherStreet.StatusCode);
        foreach (var text in new[] { list, search, export })
        {
            Assert.Contains(own.ToString(), text);
            Assert.DoesNotContain(other.ToString(), text);
        }
        Assert.Contains(own.ToString(), district);
        Assert.Contains(other.ToString(), district);
        Assert.Contains(other.ToString(), liaison);
        Assert.DoesNotContain(own.ToString(), liaison);
    }

    [Fact]
    public async Task Wall_StreetDirector_IsDeniedTheDistrictWall()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        using var response = await director.GetAsync("/wall");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/access-denied", response.Headers.Location?.ToString());
    }
}
