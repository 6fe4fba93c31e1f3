using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Loops;

/// <summary>
/// The real app on Kestrel and one Chromium in which each person has their own browser context (own cookies, own
/// circuit), as two people at two desks would.
/// </summary>
internal sealed class LoopBrowsers : IAsyncDisposable
{
    /// <summary>The circuit may take a while on a busy box; live updates then arrive in well under this.</summary>
    public const float CircuitTimeout = 20_000;
    public const float LiveTimeout = 15_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private LoopBrowsers(IPlaywright playwright, IBrowser browser, string address) =>
        (_playwright, _browser, Address) = (playwright, browser, address);

    public string Address { get; }

    public static async Task<LoopBrowsers> StartAsync(WallAppFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Playwright.CreateAsync();
        return new LoopBrowsers(playwright, await Chromium.LaunchAsync(playwright), address);
    }

    /// <summary>A new context signed in as <paramref name="user"/>, on <paramref name="path"/> with its circuit connected.</summary>
    public async Task<IPage> SignedInAsync(string user, string path, string root)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await SignIn.InBrowserAsync(page, Address, user, path);
        await WaitForCircuitAsync(page, root);
        return page;
    }

    /// <summary>A new context with no sign-in (a wall screen opening its kiosk link) on <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(string url, string root)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await WaitForCircuitAsync(page, root);
        return page;
    }

    /// <summary>A second tab in the same person's context (same sign-in).</summary>
    public async Task<IPage> OpenTabAsync(IPage signedIn, string path, string root)
    {
        var page = await signedIn.Context.NewPageAsync();
        await page.GotoAsync(Address + path);
        await WaitForCircuitAsync(page, root);
        return page;
    }

    /// <summary>Waits for the circuit, then marks the document so <see cref="AssertNotReloadedAsync"/> can tell it was never reloaded.</summary>
    public static async Task WaitForCircuitAsync(IPage page, string root)
    {
        await Expect(page.Locator($"{root}[data-circuit='connected']")).ToBeVisibleAsync(new() { Timeout = CircuitTimeout });
        await page.EvaluateAsync("() => { window.ccLoopMark = true; }");
    }

    /// <summary>The page still holds the document it loaded: what it shows came through its live circuit.</summary>
    public static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.ccLoopMark === true"), $"{page.Url} was reloaded");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Waits for a live update: the change was made elsewhere and must arrive by the circuit, without a reload.</summary>
internal static class Soon
{
    public static LocatorAssertionsToHaveAttributeOptions Attribute => new() { Timeout = LoopBrowsers.LiveTimeout };
    public static LocatorAssertionsToContainTextOptions Text => new() { Timeout = LoopBrowsers.LiveTimeout };
    public static LocatorAssertionsToHaveTextOptions ExactText => new() { Timeout = LoopBrowsers.LiveTimeout };
    public static LocatorAssertionsToHaveCountOptions Count => new() { Timeout = LoopBrowsers.LiveTimeout };
    public static LocatorAssertionsToBeVisibleOptions Visible => new() { Timeout = LoopBrowsers.LiveTimeout };
}
