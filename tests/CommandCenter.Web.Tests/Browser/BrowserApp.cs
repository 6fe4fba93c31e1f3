using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Browser;

/// <summary>
/// The one browser fixture: the real app on Kestrel (a free loopback port) and the shared Chromium
/// (<see cref="Chromium.SharedAsync"/>), in which each person gets a browser context of their own (own cookies, own
/// circuit), as two people at two desks would. Disposing it closes its contexts and stops the app.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    /// <summary>The circuit may take a while on a busy box; live updates then arrive in well under <see cref="LiveTimeout"/>.</summary>
    public const float CircuitTimeout = 20_000;
    public const float LiveTimeout = 15_000;

    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserApp(WebApplicationFactory<Program> factory, string address, IBrowser browser) =>
        (Factory, Address, _browser) = (factory, address, browser);

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>The app's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>Starts <paramref name="factory"/> (by default the app in embedded mode on a temp database) on Kestrel;
    /// the fixture owns it from then on.</summary>
    public static async Task<BrowserApp> StartAsync(WebApplicationFactory<Program>? factory = null, int port = 0)
    {
        factory ??= new WallAppFactory();
        var address = factory.StartOnKestrel(port);
        return new BrowserApp(factory, address, await Chromium.SharedAsync());
    }

    /// <summary>A page in a new context with nobody signed in.</summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        lock (_contexts) _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new context signed in as <paramref name="user"/> through the sign-in form, on <paramref name="path"/>; with a
    /// <paramref name="root"/>, once that element says its circuit is connected.
    /// </summary>
    public async Task<IPage> SignedInAsync(string user, string path = "/wall", string? root = null, int width = 1600, int height = 1000)
    {
        var page = await NewPageAsync(width, height);
        await SignIn.InBrowserAsync(page, Address, user, path);
        if (root is not null)
            await WaitForCircuitAsync(page, root);
        return page;
    }

    /// <summary>A new context with no sign-in (a wall screen opening its kiosk link) on <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(string url, string root, int width = 1920, int height = 1080)
    {
        var page = await NewPageAsync(width, height);
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
        await Expect(page.Locator($"{root}[data-circuit='connected']").First).ToBeVisibleAsync(new() { Timeout = CircuitTimeout });
        await page.EvaluateAsync("() => { window.ccLoopMark = true; }");
    }

    /// <summary>The page still holds the document it loaded: what it shows came through its live circuit.</summary>
    public static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.ccLoopMark === true"), $"{page.Url} was reloaded");

    public async ValueTask DisposeAsync()
    {
        List<IBrowserContext> contexts;
        lock (_contexts) contexts = [.. _contexts];
        foreach (var context in contexts)
        {
            try { await context.CloseAsync(); }
            catch (PlaywrightException) { /* the browser already let it go */ }
        }
        await Factory.DisposeAsync();
    }
}

/// <summary>Starting the app on Kestrel, for what needs a real port (a browser, a hub client, another process).</summary>
public static class KestrelHosting
{
    /// <summary>Starts the app on a free loopback port and returns its base address.</summary>
    public static string StartOnKestrel(this WebApplicationFactory<Program> factory) => factory.StartOnKestrel(0);

    /// <summary>Starts the app on <paramref name="port"/> (0: a free one), for an app that must know its address before it starts.</summary>
    public static string StartOnKestrel(this WebApplicationFactory<Program> factory, int port)
    {
        factory.UseKestrel(port);
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }
}

/// <summary>Waits for a live update: the change was made elsewhere and must arrive by the circuit, without a reload.</summary>
internal static class Soon
{
    public static LocatorAssertionsToHaveAttributeOptions Attribute => new() { Timeout = BrowserApp.LiveTimeout };
    public static LocatorAssertionsToContainTextOptions Text => new() { Timeout = BrowserApp.LiveTimeout };
    public static LocatorAssertionsToHaveTextOptions ExactText => new() { Timeout = BrowserApp.LiveTimeout };
    public static LocatorAssertionsToHaveCountOptions Count => new() { Timeout = BrowserApp.LiveTimeout };
    public static LocatorAssertionsToBeVisibleOptions Visible => new() { Timeout = BrowserApp.LiveTimeout };
}

/// <summary>A loopback port free now, for an app whose public URL (Security:PublicUrl) must name its port before it starts.</summary>
public static class FreeLoopbackPort
{
    public static int Next()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
