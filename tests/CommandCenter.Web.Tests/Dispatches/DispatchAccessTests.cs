using System.Net;
using System.Net.Http.Json;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Dispatches;

/// <summary>Who opens the dispatch and street consoles, and who may act on which street's teams.</summary>
public sealed class DispatchAccessTests : IAsyncLifetime
{
    private readonly WallAppFactory _factory = new() { FakeLog = true };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("director.ninghailu", "/street/ninghailu", HttpStatusCode.OK)]
    [InlineData("director.ninghailu", "/street/huaqiaolu", HttpStatusCode.Forbidden)]
    [InlineData("leader.ninghailu", "/street/hunanlu", HttpStatusCode.Forbidden)]
    [InlineData("liaison.chengguan", "/street/ninghailu", HttpStatusCode.Forbidden)]
    [InlineData("operator", "/street/huaqiaolu", HttpStatusCode.OK)]
    [InlineData("district", "/street/xiaoshi", HttpStatusCode.OK)]
    [InlineData("dispatcher", "/dispatch", HttpStatusCode.OK)]
    [InlineData("director.ninghailu", "/dispatch", HttpStatusCode.OK)]
    [InlineData("liaison.chengguan", "/dispatch", HttpStatusCode.Forbidden)]
    [InlineData("admin", "/dispatch", HttpStatusCode.Forbidden)]
    public async Task Person_OpensOnlyTheConsolesTheirRoleAndStreetAllow(string user, string path, HttpStatusCode expected)
    {
        using var client = await _factory.SignedInClientAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, Normalize(response));
        if (expected == HttpStatusCode.Forbidden)
            Assert.DoesNotContain("data-testid=\"street\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KioskToken_OfAStreetWall_CannotOpenThatStreetsConsole()
    {
        var (token, secret) = await _factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("大屏", ["street:ninghailu"], "test");
        using var screen = _factory.AnonymousClient();
        using var open = await screen.GetAsync(new Uri(KioskLinks.UrlFor("http://localhost", token, secret)).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);

        using var wall = await screen.GetAsync("/wall/street/ninghailu");
        using var console = await screen.GetAsync("/street/ninghailu");

        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, console.StatusCode);
    }

    [Theory]
    [InlineData("dispatch.created")]
    [InlineData("team.status-changed")]
    public async Task Command_DirectorOfOneStreetOnAnotherStreetsTeam_Is403(string type)
    {
        using var director = await _factory.SignedInClientAsync("director.ninghailu");
        var team = TestEvents.Team("huaqiaolu");
        object data = type == "dispatch.created" ? new { dispatchId = Guid.NewGuid(), teamId = team } : new { teamId = team, status = "off-duty" };

        using var response = await director.PostAsJsonAsync("/api/v1/commands", new { type, street = "huaqiaolu", data });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("your street is 'ninghailu'", await response.Content.ReadAsStringAsync());
    }

    private static HttpStatusCode Normalize(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.Ordinal) == true
            ? HttpStatusCode.Forbidden
            : response.StatusCode;
}
