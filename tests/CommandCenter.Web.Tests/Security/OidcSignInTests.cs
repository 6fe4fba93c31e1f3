using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security.Oidc;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// The government single sign-on end to end: a real Chromium starts at the sign-in page's SSO link, goes through an
/// OpenID provider running in the test (authorization code, PKCE, RS256 id_token, plain HTTP on loopback) and back
/// through the app's callback; the local account of the same user name is who signs in, with its role and street.
/// </summary>
public sealed class OidcSignInTests
{
    private const string SsoLink = "a[href^='/account/sso']";

    [Fact]
    public async Task SsoSignIn_LocalAccountExists_SignsInWithTheLocalRoleAndStreetAndIsAudited()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        idp.UserName = "director.ninghailu";
        await using var app = await StartSsoAppAsync(idp);
        var address = app.Address;
        var page = await app.NewPageAsync(1280, 720);
        var context = page.Context;

        await page.GotoAsync($"{address}/signin?returnUrl={Uri.EscapeDataString("/street/ninghailu")}");
        await page.Locator(SsoLink).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/street/ninghailu", new() { Timeout = 20_000 });
        await page.Locator("[data-testid='street'][data-street='ninghailu'][data-circuit='connected']").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal((1, 1), (idp.Authorizations, idp.TokensIssued));
        Assert.Empty(idp.Refusals);
        var cookies = (await context.CookiesAsync()).Select(c => c.Name).ToList();
        Assert.Contains(WebSecurity.AuthCookieName, cookies);
        Assert.DoesNotContain(cookies, c => c.Contains("External", StringComparison.Ordinal) || c.Contains("Correlation", StringComparison.Ordinal));

        // The role and street are the local account's: a street director sees their street, not the district wall or another street.
        await page.GotoAsync($"{address}/wall");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/access-denied", new() { Timeout = 10_000 });
        await page.GotoAsync($"{address}/street/huaqiaolu");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/access-denied", new() { Timeout = 10_000 });

        var audit = await app.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignedIn && e.Subject == "director.ninghailu" && e.Detail == "sso");
    }

    [Fact]
    public async Task SsoSignIn_NoLocalAccount_IsRefusedWithAClearMessageAndAudited()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        idp.UserName = "wang.xiaoming";
        await using var app = await StartSsoAppAsync(idp);
        var address = app.Address;
        var page = await app.NewPageAsync(1280, 720);

        await page.GotoAsync($"{address}/signin?returnUrl={Uri.EscapeDataString("/street/ninghailu")}");
        await page.Locator(SsoLink).ClickAsync();

        var error = page.Locator("[role='alert'][data-error='sso']");
        await Expect(error).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(error).ToContainTextAsync("统一身份认证账号未在本系统开通");
        Assert.Equal((1, 1), (idp.Authorizations, idp.TokensIssued));
        await AssertSignedOutAsync(page, address);
        var audit = await app.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignInFailed && e.Subject == "wang.xiaoming" && e.Detail?.StartsWith("sso", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(audit, e => e.Kind == SecurityAudit.SignedIn);
    }

    [Theory]
    [InlineData("forged-signature", "IDX10511")]
    [InlineData("wrong-audience", "IDX10214")]
    [InlineData("wrong-issuer", "IDX10205")]
    [InlineData("wrong-nonce", "IDX21323")]
    public async Task SsoSignIn_BadIdToken_IsRefusedAndAudited(string flaw, string validationError)
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        idp.UserName = "director.ninghailu";
        switch (flaw)
        {
            case "forged-signature": idp.SignWithUnpublishedKey = true; break;
            case "wrong-audience": idp.AudienceOverride = "another-government-app"; break;
            case "wrong-issuer": idp.IssuerOverride = "http://sso.elsewhere.example"; break;
            case "wrong-nonce": idp.NonceOverride = "nonce-of-another-sign-in"; break;
        }
        await using var app = await StartSsoAppAsync(idp);
        var address = app.Address;
        var page = await app.NewPageAsync(1280, 720);

        await page.GotoAsync($"{address}/signin?returnUrl={Uri.EscapeDataString("/street/ninghailu")}");
        await page.Locator(SsoLink).ClickAsync();

        // Back on the sign-in page with a message (not an error page), the way back kept for the next try.
        var error = page.Locator("[role='alert'][data-error='sso-failed']");
        await Expect(error).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(error).ToContainTextAsync("统一身份认证未能完成");
        await Expect(page.Locator("input[name=returnUrl]")).ToHaveValueAsync("/street/ninghailu");
        // The provider did issue the token: the app refused it, for the token's flaw.
        Assert.Equal((1, 1), (idp.Authorizations, idp.TokensIssued));
        var audit = await app.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        var failure = Assert.Single(audit, e => e.Kind == SecurityAudit.SignInFailed);
        Assert.StartsWith("sso: ", failure.Detail);
        Assert.Contains($"{validationError}:", failure.Detail);
        await AssertSignedOutAsync(page, address);
        Assert.DoesNotContain(await app.Services.GetRequiredService<SecurityAudit>().RecentAsync(), e => e.Kind == SecurityAudit.SignedIn);
    }

    [Theory]
    [InlineData("https://sso.gulou.gov.example/", true)]
    [InlineData("http://127.0.0.1:5123", false)]
    [InlineData("http://localhost:5123/realms/gulou", false)]
    [InlineData("http://[::1]:5123", false)]
    public void OidcSettings_HttpsOrLoopbackAuthority_IsAcceptedAndHttpsMetadataRequiredOffLoopbackOnly(string authority, bool requireHttps)
    {
        var settings = OidcSettings.From(SsoConfiguration(authority))!;
        var options = new OpenIdConnectOptions();

        settings.Apply(options);

        Assert.Equal(requireHttps, options.RequireHttpsMetadata);
    }

    [Theory]
    [InlineData("http://sso.gulou.gov.example/")]
    [InlineData("http://10.0.0.8:8080")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("ftp://127.0.0.1")]
    public void OidcSettings_PlainHttpAuthorityOffThisMachine_IsRefusedAtStart(string authority)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => OidcSettings.From(SsoConfiguration(authority)));

        Assert.Contains("https://", refused.Message);
    }

    private static IConfiguration SsoConfiguration(string authority) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        [$"{OidcSettings.Section}:Authority"] = authority,
        [$"{OidcSettings.Section}:ClientId"] = "command-center",
    }).Build();

    /// <summary>A console page sends the browser to sign-in: no session was made.</summary>
    private static async Task AssertSignedOutAsync(IPage page, string address)
    {
        await page.GotoAsync($"{address}/street/ninghailu");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin", new() { Timeout = 10_000 });
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == WebSecurity.AuthCookieName);
    }

    /// <summary>The app with single sign-on on a port chosen first: the redirect URI it sends the provider is built from
    /// Security:PublicUrl, never from the request's Host header, so the public URL must be the app's real address.</summary>
    private static async Task<BrowserApp> StartSsoAppAsync(FakeIdentityProvider idp)
    {
        var port = FreeLoopbackPort.Next();
        return await BrowserApp.StartAsync(new WallAppFactory
        {
            FakeLog = true,
            Settings =
            {
                ["Authentication:OpenIdConnect:Authority"] = idp.Authority,
                ["Authentication:OpenIdConnect:ClientId"] = idp.ClientId,
                ["Authentication:OpenIdConnect:ClientSecret"] = idp.ClientSecret,
                ["Security:PublicUrl"] = $"http://127.0.0.1:{port}",
            },
        }, port);
    }
}
