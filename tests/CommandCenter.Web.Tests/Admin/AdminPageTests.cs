using System.Net;
using Bunit;
using CommandCenter.Infrastructure.DeadLetters;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Admin;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Identity;
using static CommandCenter.Web.Tests.Fakes.MudForms;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>
/// The admin consoles: who may open them (through the app), and what an administrator does on them (in an interactive
/// circuit, <see cref="PageBed.OverAppAsync"/>), checked where the app keeps it: the accounts, keys, tokens, audit and event log.
/// </summary>
public sealed class AdminPageTests
{
    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/keys")]
    [InlineData("/admin/kiosks")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/deadletters")]
    [InlineData("/kiosk/admin")]
    public async Task AdminPages_OtherRoles_AreDenied(string page)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        foreach (var user in new[] { "operator", "district", "director.ninghailu" })
        {
            using var client = await factory.SignedInClientAsync(user);
            using var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/access-denied"), $"{user} {page}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/admin/users", "admin-users")]
    [InlineData("/admin/keys", "admin-keys")]
    [InlineData("/admin/kiosks", "admin-kiosks")]
    [InlineData("/admin/audit", "admin-audit")]
    [InlineData("/admin/deadletters", "admin-deadletters")]
    public async Task AdminPages_Admin_OpensThemInTheAdminFrame(string page, string testId)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var admin = await factory.SignedInClientAsync("admin");

        using var response = await admin.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-testid=\"{testId}\"", html);
        Assert.Contains("class=\"admin-nav\"", html);
        Assert.Contains("action=\"/account/signout\"", html);
    }

    [Fact]
    public async Task KioskAdmin_FormerAddress_RedirectsToTheOneKioskPage()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var admin = await factory.SignedInClientAsync("admin");

        using var response = await admin.GetAsync("/kiosk/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/kiosks", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task UsersPage_AdminCreatesAStreetDirector_WhoCanSignIn()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<Users>();

        Fill(cut, "new-username", "director.xiaoshi");
        Fill(cut, "new-password", "xiaoshi-passphrase");
        Choose(cut, "new-role", Roles.StreetDirector);
        Choose(cut, "new-street", "xiaoshi");
        Click(cut, "create-user-submit");

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(cut), s => s.Contains("已创建 director.xiaoshi")));
        Assert.NotNull(cut.Find("[data-user='director.xiaoshi'][data-role='StreetDirector']"));
        using var director = await bed.App.SignedInClientAsync("director.xiaoshi", "xiaoshi-passphrase");
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/api/v1/whistles?street=ninghailu")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/api/v1/whistles?street=xiaoshi")).StatusCode);
        var audit = await bed.Get<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.UserCreated && e.Subject == "director.xiaoshi" && e.Detail == "StreetDirector xiaoshi");
    }

    [Fact]
    public async Task UsersPage_StreetRoleWithoutAStreet_IsRefusedInASnackbar()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<Users>();

        Fill(cut, "new-username", "leader.nowhere");
        Fill(cut, "new-password", "nowhere-passphrase");
        Choose(cut, "new-role", Roles.StreetLeader);
        Click(cut, "create-user-submit");

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(cut), s => s.Contains("未创建：街道领导须绑定街道（")));
        Assert.Null(await bed.Get<UserManager<AppUser>>().FindByNameAsync("leader.nowhere"));
    }

    [Fact]
    public async Task UsersPage_AdminChangesARoleThenLocksTheAccount_AfterConfirming()
    {
        await using var bed = await PageBed.OverAppAsync();
        var before = (await bed.Get<UserManager<AppUser>>().FindByNameAsync("operator"))!.SecurityStamp;
        var cut = bed.Ctx.Render<Users>();

        Click(cut, "change-role", "[data-user='operator']");
        Choose(cut, "edit-role", Roles.DepartmentLiaison);
        Choose(cut, "edit-department", "chengguan");
        Click(cut, "role-save");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-user='operator'][data-role='DepartmentLiaison']")));
        var changed = (await bed.Get<UserManager<AppUser>>().FindByNameAsync("operator"))!;
        Assert.Equal(new[] { Roles.DepartmentLiaison }, await bed.Get<UserManager<AppUser>>().GetRolesAsync(changed));
        Assert.Equal(("chengguan", (string?)null), (changed.Department, changed.Street));
        Assert.NotEqual(before, changed.SecurityStamp);

        // Locking asks first; "取消" leaves the account as it was.
        Click(cut, "lock", "[data-user='operator']");
        Answer(cut, "取消");
        Assert.Null((await bed.Get<UserManager<AppUser>>().FindByNameAsync("operator"))!.LockoutEnd);
        Click(cut, "lock", "[data-user='operator']");
        Answer(cut, "锁定");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-locked='operator']")));
        Assert.Equal(DateTimeOffset.MaxValue, (await bed.Get<UserManager<AppUser>>().FindByNameAsync("operator"))!.LockoutEnd);
        var audit = await bed.Get<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.UserChanged && e.Subject == "operator" && e.Detail == "role DepartmentLiaison chengguan");
        Assert.Contains(audit, e => e.Kind == SecurityAudit.UserChanged && e.Subject == "operator" && e.Detail == "locked");
    }

    [Fact]
    public async Task UsersPage_AdminsOwnAccount_IsNotLocked()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<Users>();

        Click(cut, "lock", "[data-user='admin']");
        Answer(cut, "锁定");

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(cut), s => s.Contains("不能在此锁定或修改自己的账号")));
        Assert.Null((await bed.Get<UserManager<AppUser>>().FindByNameAsync("admin"))!.LockoutEnd);
    }

    [Fact]
    public async Task KeysPage_AdminCreatesAKeyShownOnceThenRevokesIt()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<Keys>();

        Choose(cut, "key-source", "grid-app");
        Click(cut, "create-key-submit");

        var secret = cut.WaitForElement("[data-testid='new-secret']").TextContent.Trim();
        var store = bed.Get<ApiKeyStore>();
        var key = await store.FindActiveAsync(secret);
        Assert.Equal("grid-app", key?.Source);
        // Shown once: the page opened afresh lists the key, never its secret.
        using (var again = await bed.App.SignedInClientAsync("admin"))
            Assert.DoesNotContain(secret, await again.GetStringAsync("/admin/keys"));

        Click(cut, "revoke-key", $"[data-key='{key!.Id}']");
        Answer(cut, "吊销");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-revoked='{key.Id}']")));
        Assert.Null(await store.FindActiveAsync(secret));
        Assert.Empty(cut.FindAll("[data-testid='new-secret']"));
        Assert.Contains(await bed.Get<SecurityAudit>().RecentAsync(), e => e.Kind == SecurityAudit.ApiKeyRevoked && e.Actor == "admin");
    }

    [Fact]
    public async Task KeysPage_SomeoneTheAdminPolicyNoLongerPasses_IsRefusedAndNothingIsMade()
    {
        await using var bed = await PageBed.OverAppAsync(admin: false);
        var cut = bed.Ctx.Render<Keys>();

        Choose(cut, "key-source", "grid-app");
        Click(cut, "create-key-submit");

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(cut), s => s.Contains("无权执行此操作")));
        Assert.Empty(cut.FindAll("[data-testid='new-secret']"));
        Assert.Empty(await bed.Get<ApiKeyStore>().ListAsync());
    }

    [Fact]
    public async Task KiosksPage_ATokenForAStreetNotInTheDistrict_IsRefusedInThePagesLanguage()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<KioskAdmin>();

        OpenTab(cut, "设备令牌");
        Fill(cut, "kiosk-name", "大厅主屏");
        Fill(cut, "kiosk-views", "street:xiaguan");
        Click(cut, "create-kiosk-submit");

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(cut), s => s.Contains("未创建：“street:xiaguan”不是本区的街道（街道：")));
        Assert.Empty(await bed.Get<KioskTokenStore>().ListAsync());
    }

    [Fact]
    public async Task KiosksPage_AdminCreatesATokenWhoseUrlOpensTheWall_ThenRevokesIt()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<KioskAdmin>();

        OpenTab(cut, "设备令牌");
        Fill(cut, "kiosk-name", "大厅主屏");
        Fill(cut, "kiosk-views", "wall");
        Click(cut, "create-kiosk-submit");

        var url = cut.WaitForElement("[data-testid='new-url']").TextContent.Trim();
        using var screen = bed.App.AnonymousClient();
        using var open = await screen.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal("/wall", open.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync("/wall")).StatusCode);

        var token = (await bed.Get<KioskTokenStore>().ListAsync()).Single();
        Click(cut, "revoke-kiosk", $"[data-kiosk='{token.Id}']");
        Answer(cut, "吊销");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-revoked='{token.Id}']")));
        Assert.False(await bed.Get<KioskTokenStore>().IsActiveAsync(token.Id));
        Assert.Empty(cut.FindAll("[data-testid='new-url']"));
        var audit = await bed.Get<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.KioskTokenCreated && e.Actor == "admin");
        Assert.Contains(audit, e => e.Kind == SecurityAudit.KioskTokenRevoked && e.Actor == "admin");
    }

    [Fact]
    public async Task KiosksPage_AdminEditsAPlaylistAndAssignsItToAScreen()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<KioskAdmin>();

        Fill(cut, "playlist-name", "morning");
        Choose(cut, "item-view", "structure");
        Click(cut, "add-item");
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-item]").Count));
        var second = cut.FindComponents<MudBlazor.MudSelect<string>>().Where(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "item-view")).Last();
        await cut.InvokeAsync(() => second.Instance.SelectOption("street:xiaoshi"));
        Click(cut, "save-playlist");
        cut.WaitForElement("li[data-playlist='morning']");
        Fill(cut, "screen-name", "east-wall");
        Choose(cut, "screen-playlist", "morning");
        Choose(cut, "screen-layout", "span3");
        Click(cut, "save-screen");

        cut.WaitForElement("li[data-screen='east-wall']");
        var store = bed.Get<KioskStore>();
        Assert.Equal([new PlaylistItem("structure", 30), new PlaylistItem("street:xiaoshi", 30)], (await store.PlaylistAsync("morning"))!.Items);
        var saved = await store.ScreenAsync("east-wall");
        Assert.Equal(("morning", "span3"), (saved!.Playlist, saved.Layout));
    }

    [Fact]
    public async Task KiosksPage_AReservedScreenName_IsRefusedInASnackbar()
    {
        await using var bed = await PageBed.OverAppAsync();
        var cut = bed.Ctx.Render<KioskAdmin>();

        Fill(cut, "screen-name", "admin");
        Click(cut, "save-screen");

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(cut), s => s.Contains("未保存：“admin”不能作屏幕名称")));
        Assert.Null(await bed.Get<KioskStore>().ScreenAsync("admin"));
    }

    [Fact]
    public async Task DeadLettersPage_ListsReasonsWithoutThePayloadAndReSendsAnEntryThroughThePipeline()
    {
        await using var bed = await PageBed.OverAppAsync(fakeLog: false);
        var log = bed.Get<CommandCenter.Core.EventLog.IEventLog>();
        var ticket = Fakes.TestEvents.TicketReceived(DateTimeOffset.UtcNow, content: "机密内容 secret text");
        var broken = new Dictionary<string, string>(ticket) { ["street"] = "nowhere" };
        await log.AppendAsync([broken]);
        await Fakes.TestWait.UntilAsync(async () => (await log.ReadDeadLettersAsync(10)).Count == 1, "the projector dead-letters the entry");

        var cut = bed.Ctx.Render<DeadLetters>();

        Assert.Contains("unknown street 'nowhere'", cut.Find("[data-testid='dead-letters']").TextContent);
        Assert.DoesNotContain("机密内容", cut.Markup);
        var id = (await log.ReadDeadLettersAsync(10))[0].Position.ToString();
        Click(cut, "resend", $"[data-dead-letter='{id}']");
        Answer(cut, "重发");
        cut.WaitForAssertion(() => Assert.Contains("已重发为", cut.Find("[data-testid='resend-result']").TextContent));
        Assert.NotNull((await bed.Get<DeadLetterDesk>().FindAsync(id))?.ResentAs);
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

    [Fact]
    public async Task AuditPage_SearchNarrowsTheEntries()
    {
        await using var bed = await PageBed.OverAppAsync();
        await bed.Get<ApiKeyStore>().CreateAsync("enforcement", "admin");
        await bed.Get<SecurityAudit>().RecordAsync(SecurityAudit.SignInFailed, null, "operator", null, "10.7.7.7");
        var cut = bed.Ctx.Render<Audit>();
        Assert.NotEmpty(cut.FindAll("[data-kind='api-key-created']"));

        Fill(cut, "audit-search", "10.7.7");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-kind='api-key-created']")));
        Assert.Single(cut.FindAll("[data-kind='sign-in-failed']"));
    }

    /// <summary>Opens the kiosk page's tab whose title contains <paramref name="title"/>, once the tabs are drawn.</summary>
    private static void OpenTab(IRenderedComponent<KioskAdmin> cut, string title)
    {
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-tab"), t => t.TextContent.Contains(title)));
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains(title)).Click();
    }
}
