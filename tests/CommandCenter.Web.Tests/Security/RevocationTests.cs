using System.Net;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Revocation reaches what is already open: within Security:RevalidationInterval (here 1 s) every hub connection and
/// circuit of a revoked kiosk token, or of a person signed out everywhere or locked, is closed or sent away.
/// </summary>
public sealed class RevocationTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private static WallAppFactory Factory() => new() { Settings = { ["Security:RevalidationInterval"] = "00:00:01" } };

    private static HubConnection Connect(string address, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure) =>
        new HubConnectionBuilder().WithUrl($"{address}{LiveHub.Path}", configure).Build();

    private static async Task<HubConnection> PersonAsync(string address, string userName)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        using var response = await client.PostSignInAsync(userName, DemoAccountSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var connection = Connect(address, o => o.Cookies = cookies);
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "district");
        return connection;
    }

    /// <summary>Resolves when the connection closes; the server's <c>revoked</c> message is recorded on the way.</summary>
    private static (Task Closed, Func<string?> Reason) Watch(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? reason = null;
        connection.On<string>(ConnectionRevalidator.RevokedMessage, r => reason = r);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return (closed.Task, () => reason);
    }

    [Fact]
    public async Task Hub_KioskTokenRevoked_ItsOpenConnectionIsClosed()
    {
        await using var factory = Factory();
        var address = factory.StartOnKestrel();
        var store = factory.Services.GetRequiredService<KioskTokenStore>();
        var (token, secret) = await store.CreateAsync("LED 屏", ["wall"], "test");
        await using var connection = Connect(address, o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "district");
        var (closed, reason) = Watch(connection);

        await store.RevokeAsync(token.Id, "admin");

        await closed.WaitAsync(Within);
        Assert.Equal(PrincipalValidity.Revoked, reason());
        var again = Connect(address, o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
    }

    [Theory]
    [InlineData("signed out everywhere")]
    [InlineData("locked")]
    public async Task Hub_PersonSignedOutEverywhereOrLocked_TheirOpenConnectionIsClosed(string what)
    {
        await using var factory = Factory();
        var address = factory.StartOnKestrel();
        await using var connection = await PersonAsync(address, "operator");
        var (closed, reason) = Watch(connection);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync("operator"))!;
            if (what == "locked")
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(1));
            else
                await users.UpdateSecurityStampAsync(user);
        }

        await closed.WaitAsync(Within);
        Assert.Equal(what == "locked" ? PrincipalValidity.Locked : PrincipalValidity.SignedOut, reason());
    }

    /// <summary>A revoked wall screen's circuit is sent to the page that says so, rather than looping on reconnect.</summary>
    [Fact]
    public async Task Circuit_KioskTokenRevoked_TheScreenSaysSo()
    {
        await using var app = await BrowserApp.StartAsync(Factory());
        var store = app.Services.GetRequiredService<KioskTokenStore>();
        var (token, secret) = await store.CreateAsync("指挥大厅主屏", ["wall"], "test");
        var page = await app.OpenAsync(KioskLinks.UrlFor(app.Address, token, secret), ".wall");

        await store.RevokeAsync(token.Id, "admin");

        await Expect(page.Locator("[data-testid='kiosk-revoked']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(KioskRevoked.Path, new Uri(page.Url).AbsolutePath);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid='kiosk-revoked']")).ToBeVisibleAsync();
    }

    /// <summary>A person's open console circuit, once they are signed out everywhere, goes to sign-in and renders no more data.</summary>
    [Fact]
    public async Task Circuit_PersonSignedOutEverywhere_IsSentToSignIn()
    {
        await using var app = await BrowserApp.StartAsync(Factory());
        var page = await app.SignedInAsync("operator", "/wall", ".wall");

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync("operator"))!);
        }

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin", new() { Timeout = 15_000 });
        Assert.Contains("returnUrl=%2Fwall", page.Url);
    }
}
