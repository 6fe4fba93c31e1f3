using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Browser;

/// <summary>
/// The machine's Chromium (Debian's package; tests/run.sh installs it), driven by Playwright without
/// `playwright install`. A missing browser fails the test: a real-browser test is never skipped.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Chromium is missing at {ExecutablePath} (CI={Environment.GetEnvironmentVariable("CI")}); install it with `apt-get install -y chromium` or run tests/run.sh.");

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }
}
