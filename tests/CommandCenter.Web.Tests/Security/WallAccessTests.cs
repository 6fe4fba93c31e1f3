using System.Net;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>Who opens which wall page: street people their own street only, kiosk tokens their bound views only.</summary>
public sealed class WallAccessTests : IAsyncLifetime
{
    private readonly WallAppFactory _factory = new() { FakeLog = true };

    public async Task InitializeAsync() =>
        await _factory.Services.GetRequiredService<KioskStore>().SaveScreenAsync(new KioskScreen("lobby", null, "single", [.. TakeoverKinds.All]));

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("director.ninghailu", "/wall/street/ninghailu", HttpStatusCode.OK)]
    [InlineData("director.ninghailu", "/wall/street/huaqiaolu", HttpStatusCode.Forbidden)]
    [InlineData("leader.ninghailu", "/wall/street/hunanlu", HttpStatusCode.Forbidden)]
    [InlineData("director.ninghailu", "/wall", HttpStatusCode.Forbidden)]
    [InlineData("director.ninghailu", "/kiosk/console", HttpStatusCode.Forbidden)]
    [InlineData("dispatcher", "/kiosk/console", HttpStatusCode.OK)]
    [InlineData("liaison.chengguan", "/kiosk/console", HttpStatusCode.Forbidden)]
    [InlineData("liaison.chengguan", "/wall/street/ninghailu", HttpStatusCode.Forbidden)]
    [InlineData("operator", "/wall/street/huaqiaolu", HttpStatusCode.OK)]
    [InlineData("operator", "/wall/structure", HttpStatusCode.OK)]
    [InlineData("operator", "/kiosk/admin", HttpStatusCode.Forbidden)]
    [InlineData("admin", "/admin/kiosks", HttpStatusCode.OK)]
    public async Task Person_OpensOnlyTheWallsTheirRoleAndStreetAllow(string user, string path, HttpStatusCode expected)
    {
        using var client = await _factory.SignedInClientAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, Normalize(response));
    }

    [Theory]
    [InlineData("structure", "/wall/structure", HttpStatusCode.OK)]
    [InlineData("structure", "/wall", HttpStatusCode.Forbidden)]
    [InlineData("street:fenghuang", "/wall/street/fenghuang", HttpStatusCode.OK)]
    [InlineData("street:fenghuang", "/wall/street/hunanlu", HttpStatusCode.Forbidden)]
    [InlineData("lobby", "/kiosk/lobby", HttpStatusCode.OK)]
    [InlineData("lobby", "/kiosk/hall", HttpStatusCode.Forbidden)]
    [InlineData("lobby", "/kiosk/console", HttpStatusCode.Forbidden)]
    [InlineData("lobby", "/kiosk/admin", HttpStatusCode.Forbidden)]
    public async Task KioskToken_OpensOnlyItsViews(string view, string path, HttpStatusCode expected)
    {
        var (token, secret) = await _factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("大屏", [view], "test");
        using var screen = _factory.AnonymousClient();
        using var open = await screen.GetAsync(new Uri(KioskLinks.UrlFor("http://localhost", token, secret)).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);

        using var response = await screen.GetAsync(path);

        Assert.Equal(expected, Normalize(response));
        if (expected == HttpStatusCode.Forbidden)
            Assert.DoesNotContain("data-street=", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KioskToken_PlaysItsScreen_ButCannotAcknowledgeATakeover()
    {
        await _factory.Services.GetRequiredService<KioskStore>().SaveScreenAsync(new KioskScreen("lobby", null, "single", TakeoverKinds.All));
        var (token, secret) = await _factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("大屏", ["lobby"], "test");
        using var screen = _factory.AnonymousClient();
        await screen.GetAsync(new Uri(KioskLinks.UrlFor("http://localhost", token, secret)).PathAndQuery);

        var html = await (await screen.GetAsync("/kiosk/lobby")).Content.ReadAsStringAsync();

        Assert.Contains("data-screen=\"lobby\"", html);
        Assert.DoesNotContain("data-testid=\"acknowledge\"", html);
    }

    /// <summary>A page refused to a signed-in principal answers 403 or redirects to the access-denied page.</summary>
    private static HttpStatusCode Normalize(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("access-denied", StringComparison.Ordinal) == true
            ? HttpStatusCode.Forbidden
            : response.StatusCode;
}
