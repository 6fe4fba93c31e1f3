using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Admin;

public sealed partial class AdminPageTests
{
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string formName, Dictionary<string, string> fields)
    {
        var token = await SignIn.AntiforgeryTokenAsync(client, page);
        fields["__RequestVerificationToken"] = token;
        fields["_handler"] = formName;
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/keys")]
    [InlineData("/admin/kiosks")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/deadletters")]
    public async Task AdminPages_OtherRoles_AreDenied(string page)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        foreach (var user in new[] { "operator", "district", "director.ninghailu" })
        {
            using var client = await factory.SignedInClientAsync(user);
            using var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/access-denied"), $"{user} {page}: {response.StatusCode}");
        }
        using var admin = await factory.SignedInClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task UsersPage_AdminCreatesAStreetDirector_WhoCanSignIn()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var admin = await factory.SignedInClientAsync("admin");

        using var response = await SubmitAsync(admin, "/admin/users", "create-user", new()
        {
            ["NewUser.UserName"] = "director.xiaoshi", ["NewUser.Password"] = "xiaoshi-passphrase", ["NewUser.Role"] = "StreetDirector",
            ["NewUser.Street"] = "xiaoshi", ["NewUser.Department"] = "",
        });

        Assert.Contains("director.xiaoshi", await response.Content.ReadAsStringAsync());
        using var director = await factory.SignedInClientAsync("director.xiaoshi", "xiaoshi-passphrase");
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/api/v1/whistles?street=ninghailu")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/api/v1/whistles?street=xiaoshi")).StatusCode);
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.UserCreated && e.Subject == "director.xiaoshi");
    }

    [Fact]
    public async Task KeysPage_AdminCreatesAKeyShownOnceThenRevokesIt()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var admin = await factory.SignedInClientAsync("admin");

        using var created = await SubmitAsync(admin, "/admin/keys", "create-key", new() { ["Source"] = "grid-app" });
        var html = await created.Content.ReadAsStringAsync();
        var secret = SecretPattern().Match(html).Groups[1].Value;
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        var key = await store.FindActiveAsync(secret);
        Assert.Equal("grid-app", key?.Source);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/admin/keys"));

        await SubmitAsync(admin, "/admin/keys", $"revoke-{key!.Id}", []);

        Assert.Null(await store.FindActiveAsync(secret));
    }

    [Fact]
    public async Task KiosksPage_AdminCreatesATokenWhoseUrlOpensTheWall()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var admin = await factory.SignedInClientAsync("admin");

        using var created = await SubmitAsync(admin, "/admin/kiosks", "create-kiosk", new() { ["Form.Name"] = "大厅主屏", ["Form.Views"] = "wall" });
        var url = System.Net.WebUtility.HtmlDecode(UrlPattern().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value);
        using var screen = factory.AnonymousClient();
        using var open = await screen.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal("/wall", open.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync("/wall")).StatusCode);
    }

    [Fact]
    public async Task DeadLettersPage_ListsReasonsWithoutThePayloadAndReSendsAnEntryThroughThePipeline()
    {
        await using var factory = new WallAppFactory();
        var log = factory.Services.GetRequiredService<CommandCenter.Core.EventLog.IEventLog>();
        var ticket = Fakes.TestEvents.TicketReceived(DateTimeOffset.UtcNow, content: "机密内容 secret text");
        var broken = new Dictionary<string, string>(ticket) { ["street"] = "nowhere" };
        await log.AppendAsync([broken]);
        await Fakes.TestWait.UntilAsync(async () => (await log.ReadDeadLettersAsync(10)).Count == 1, "the projector dead-letters the entry");
        using var admin = await factory.SignedInClientAsync("admin");

        var page = await admin.GetStringAsync("/admin/deadletters");

        Assert.Contains("unknown street &#x27;nowhere&#x27;", page.Replace("'", "&#x27;"));
        Assert.DoesNotContain("机密内容", page);
        var id = (await log.ReadDeadLettersAsync(10))[0].Position.ToString();
        using var resent = await SubmitAsync(admin, "/admin/deadletters", $"resend-{id}", []);
        Assert.Contains("已重发为", await resent.Content.ReadAsStringAsync());
        // The copy goes through the pipeline like any entry: still refused for the same reason, dead-lettered again.
        await Fakes.TestWait.UntilAsync(async () => (await log.ReadDeadLettersAsync(10)).Count == 2, "the re-sent copy went through the pipeline");
    }

    [Fact]
    public async Task AuditPage_ShowsSignInsFailuresAndKeyChanges()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using (var stranger = factory.AnonymousClient("10.7.7.7"))
            await stranger.PostSignInAsync("operator", "wrong-password");
        await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("enforcement", "admin");
        using var admin = await factory.SignedInClientAsync("admin");

        var html = await admin.GetStringAsync("/admin/audit");

        Assert.Contains("data-kind=\"sign-in-failed\"", html);
        Assert.Contains("10.7.7.7", html);
        Assert.Contains("data-kind=\"sign-in\"", html);
        Assert.Contains("data-kind=\"api-key-created\"", html);
    }

    [GeneratedRegex("data-testid=\"new-secret\">([^<]+)<")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("data-testid=\"new-url\">([^<]+)<")]
    private static partial Regex UrlPattern();
}
