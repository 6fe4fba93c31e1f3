using System.Net;
using CommandCenter.Web.Tests.Security;

namespace CommandCenter.Web.Tests.Hosting;

public sealed class WebRootTests
{
    private static readonly string RepoWebRoot =
        WebRootLocator.FindUpwards(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no top-level wwwroot above the test binaries");

    [Fact]
    public async Task Get_AppCss_ServesTheTopLevelFileBytes()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/css/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepoWebRoot, "css", "app.css")), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_FrameworkAndMudBlazorAssets_AreServedByMapStaticAssets()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.CreateClient();

        using var blazor = await client.GetAsync("/_framework/blazor.web.js");
        using var mud = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css");
        using var favicon = await client.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mud.StatusCode);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
    }

    [Fact]
    public async Task Get_Root_RedirectsToTheWall()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = await factory.SignedInClientAsync("operator");

        using var response = await client.GetAsync("/");

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"got {response.StatusCode}");
        Assert.Equal("/wall", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_Wall_PrerendersTheWallWithStylesAndStaleBanner()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = await factory.SignedInClientAsync("operator");

        var html = await client.GetStringAsync("/wall");

        Assert.Contains("鼓楼区社会治理指挥中心", html);
        Assert.Contains("href=\"css/app.css\"", html);
        Assert.Contains("id=\"stale-banner\"", html);
        Assert.Contains("components-reconnect-modal", html);
        Assert.Equal(13, html.Split("<tr data-street=").Length - 1);
    }

    [Fact]
    public void FindUpwards_FromANestedFolder_FindsTheNearestWebRootWithAppCss()
    {
        var root = Directory.CreateTempSubdirectory("cc-webroot-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "wwwroot", "css"));
            File.WriteAllText(Path.Combine(root, "wwwroot", "css", "app.css"), "body{}");
            Directory.CreateDirectory(Path.Combine(root, "a", "wwwroot"));
            var nested = Directory.CreateDirectory(Path.Combine(root, "a", "b", "c")).FullName;

            Assert.Equal(Path.Combine(root, "wwwroot"), WebRootLocator.FindUpwards(nested));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
