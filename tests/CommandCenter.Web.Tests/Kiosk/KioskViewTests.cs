using System.Net;
using System.Net.Http.Headers;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Kiosk;

/// <summary>
/// A screen plays what its token's views (or the signed-in person's scope) allow, item by item, never what its name
/// suggests: a street token shows its street and nothing of the district; /kiosk/{screen} opens only configured screens.
/// </summary>
public sealed class KioskViewTests
{
    private static async Task<(KioskTokenInfo Token, string Secret)> TokenAsync(WallAppFactory factory, params string[] views) =>
        await factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("宁海路街道屏", views, "test");

    private static HttpClient Bearer(WallAppFactory factory, string secret)
    {
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>The example: <c>--views street:ninghailu</c> opens the street wall, and neither the district wall nor a fake screen.</summary>
    [Fact]
    public async Task StreetToken_OpensItsStreetWall_NeverTheDistrict()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (token, secret) = await TokenAsync(factory, "street:ninghailu");
        var url = new Uri(KioskLinks.UrlFor("http://localhost", token, secret));
        using var screen = factory.AnonymousClient();

        using var open = await screen.GetAsync(url.PathAndQuery);
        using var street = await screen.GetAsync("/wall/street/ninghailu");
        using var otherStreet = await screen.GetAsync("/wall/street/huaqiaolu");
        using var wall = await screen.GetAsync("/wall");
        using var structure = await screen.GetAsync("/wall/structure");
        using var byName = await screen.GetAsync("/kiosk/street:ninghailu");
        using var byEscapedName = await screen.GetAsync("/kiosk/street%3Aninghailu");

        Assert.Equal("/wall/street/ninghailu", url.AbsolutePath);
        Assert.Equal("/wall/street/ninghailu", open.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, street.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, otherStreet.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, wall.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, structure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byEscapedName.StatusCode);
        Assert.DoesNotContain("data-street=\"huaqiaolu\"", await byName.Content.ReadAsStringAsync());
    }

    /// <summary>The example: a street director opening <c>/kiosk/street:ninghailu</c> gets no district wall either.</summary>
    [Theory]
    [InlineData("/kiosk/street:ninghailu")]
    [InlineData("/kiosk/wall")]
    [InlineData("/kiosk/no-such-screen")]
    public async Task StreetDirector_OpeningAScreenThatIsNotConfigured_Gets404(string path)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        using var response = await director.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("kpi-band", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The kind: a configured screen plays only the items its viewer may see, whoever the viewer is.</summary>
    [Fact]
    public async Task ConfiguredScreen_PlaysOnlyTheItemsItsViewerMaySee()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var store = factory.Services.GetRequiredService<KioskStore>();
        await store.SavePlaylistAsync(new Playlist("briefing", [new("wall", 30), new("structure", 30), new("street:ninghailu", 30)]));
        await store.SaveScreenAsync(new KioskScreen("lobby", "briefing", "single", [.. TakeoverKinds.All]));
        var (_, streetSecret) = await TokenAsync(factory, "lobby", "street:ninghailu");
        var (_, nameOnlySecret) = await TokenAsync(factory, "lobby");
        var (_, wallSecret) = await TokenAsync(factory, "lobby", "wall");
        using var streetToken = Bearer(factory, streetSecret);
        using var nameOnly = Bearer(factory, nameOnlySecret);
        using var wallToken = Bearer(factory, wallSecret);
        using var director = await factory.SignedInClientAsync("director.ninghailu");
        using var liaison = await factory.SignedInClientAsync("liaison.chengguan");

        Assert.Contains("data-view=\"street:ninghailu\"", await streetToken.GetStringAsync("/kiosk/lobby"));
        Assert.Contains("data-view=\"street:ninghailu\"", await director.GetStringAsync("/kiosk/lobby"));
        Assert.Contains("data-view=\"none\"", await nameOnly.GetStringAsync("/kiosk/lobby"));
        Assert.Contains("data-view=\"wall\"", await wallToken.GetStringAsync("/kiosk/lobby"));
        using var liaisonOpens = await liaison.GetAsync("/kiosk/lobby");
        Assert.NotEqual(HttpStatusCode.OK, liaisonOpens.StatusCode);
    }

    /// <summary>The kind, over every street: a token's views decide each wall view and each hub scope it may follow.</summary>
    [Fact]
    public void ScreenAccess_ForEveryStreet_FollowsTheTokensViewsOnly()
    {
        var street = ScreenAccess.ForViews(["lobby", "street:ninghailu"]);
        var wall = ScreenAccess.ForViews(["wall"]);

        foreach (var code in DistrictModel.Gulou.Streets.Select(s => s.Code))
        {
            Assert.Equal(code == "ninghailu", street.MayShow($"street:{code}"));
            Assert.Equal(code == "ninghailu", street.SeesStreetEvents(code));
            Assert.True(wall.SeesStreetEvents(code));
        }
        Assert.False(street.MayShow("wall"));
        Assert.False(street.MayShow("structure"));
        Assert.False(street.SeesDistrictEvents);
        Assert.True(wall.SeesDistrictEvents);
        Assert.False(wall.MayShow("structure"));
    }

    /// <summary>The admin page prints a token's URL from Security:PublicUrl (as the command line does), never from the Host header.</summary>
    [Fact]
    public void KioskLinks_AndTheCommandLine_BuildTheSameUrl()
    {
        var token = new KioskTokenInfo("t1", "屏", ["street:ninghailu", "wall"], DateTimeOffset.UtcNow, "test", null);

        Assert.Equal("https://wall.gulou.example/wall/street/ninghailu?token=cct_x%2By",
            KioskLinks.UrlFor("https://wall.gulou.example/", token, "cct_x+y"));
        Assert.Equal(KioskViews.UrlFor("https://wall.gulou.example", token, "s"), KioskLinks.UrlFor("https://wall.gulou.example", token, "s"));
    }
}
