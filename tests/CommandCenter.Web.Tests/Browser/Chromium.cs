using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Browser;

/// <summary>
/// The machine's Chromium (Debian's package; tests/run.sh installs it), driven by Playwright without
/// `playwright install`, launched once for the whole test run and shared by every browser test: each test works in
/// browser contexts of its own (own cookies, storage and circuits), which cost milliseconds, instead of a browser
/// process of its own, which costs seconds. A missing browser fails the test: a real-browser test is never skipped.
/// </summary>
internal static class Chromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The shared browser; launched on first use, and again should it ever have gone away.</summary>
    public static async Task<IBrowser> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } running)
                return running;
            if (!File.Exists(ExecutablePath))
                Assert.Fail($"Chromium is missing at {ExecutablePath} (CI={Environment.GetEnvironmentVariable("CI")}); install it with `apt-get install -y chromium` or run tests/run.sh.");
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
            if (_browser is { } launched && _playwright is { } driver)
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Close(launched, driver);
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>At the end of the run: the browser closes with the test host instead of outliving it.</summary>
    private static void Close(IBrowser browser, IPlaywright driver)
    {
        try
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The driver may already be gone with the process; nothing is left to close then.
        }
        driver.Dispose();
    }
}
