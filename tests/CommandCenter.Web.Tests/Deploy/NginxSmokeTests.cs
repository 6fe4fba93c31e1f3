using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Redis;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Deploy;

/// <summary>
/// The production shape in a real browser, through nginx (deploy/smoke.sh starts it all and names it in
/// <c>CC_SMOKE_*</c>): two instances in Production mode on Redis and PostgreSQL behind the nginx configuration kept in
/// deploy/nginx/. Not part of the ordinary run (tests/run.sh leaves category Smoke to deploy/smoke.sh); run without
/// deploy/smoke.sh's settings it fails and says so, it is never skipped.
/// </summary>
[Trait("Category", "Smoke")]
public sealed class NginxSmokeTests
{
    private static string Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"{name} is not set: this test runs behind nginx as deploy/smoke.sh starts it (CI={Environment.GetEnvironmentVariable("CI")}).");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Wall_ThroughNginx_LiveOverWebSockets_SurvivesTheLossOfItsInstanceWithoutSigningOut()
    {
        var url = Setting("CC_SMOKE_URL");
        var user = Setting("CC_SMOKE_USER");
        var password = Setting("CC_SMOKE_PASSWORD");
        var redis = Setting("CC_SMOKE_REDIS");
        var stream = Setting("CC_SMOKE_STREAM");
        var instances = Setting("CC_SMOKE_INSTANCES").Split(' ').Select(i => i.Split('=', '@'))
            .ToDictionary(p => p[0], p => (Pid: int.Parse(p[1]), Port: p[2]));

        // Who leads the projector, and a sticky cookie value nginx routes to it: the browser is put on the leader, so
        // killing that one instance both moves the browser and the lease.
        using var probe = await SignedInClientAsync(url, user, password, stickyTo: null);
        var leader = (await DetailAsync(probe)).GetProperty("leaseHolder").GetString()!;
        Assert.Contains(leader, instances.Keys);
        var other = instances.Keys.Single(k => k != leader);
        var sticky = await StickyValueForAsync(url, instances[leader].Port);

        var browser = await Chromium.SharedAsync();
        await using var context = await browser.NewContextAsync(new() { Locale = "zh-CN" });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "cc_node", Value = sticky, Url = url }]);
        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket.Url); };

        // Sign-in through nginx, then the live wall on a circuit over WebSockets.
        await page.GotoAsync($"{url}/signin?returnUrl=%2Fwall");
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{url}/wall", new() { Timeout = 30_000 });
        await page.Locator(".wall[data-circuit='connected']").WaitForAsync(new() { Timeout = 30_000 });
        lock (sockets) Assert.Contains(sockets, s => s.StartsWith(url.Replace("http", "ws"), StringComparison.Ordinal) && s.Contains("/_blazor"));

        // A ticket appended with redis-cli reaches the wall, and the hub's WebSocket clients.
        await using var hub = await HubAsync(url, probe, sticky);
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("envelope", e => heard.TrySetResult(e.GetProperty("id").GetString()!));
        await hub.InvokeAsync("Subscribe", "district");
        var first = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "hunanlu", content: "冒烟测试：第一条");
        await RedisCli.XAddAsync(redis, stream, first);
        await Expect(page.Locator($"[data-event-id='{first["id"]}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(first["id"], await heard.Task.WaitAsync(TimeSpan.FromSeconds(15)));

        // An antiforgery token issued by the instance about to die, for a form posted after it is gone.
        using var form = await SignedInClientAsync(url, user, password, stickyTo: sticky);
        var token = await SignIn.AntiforgeryTokenAsync(form, "/signin");

        // The instance holding the browser (and the lease) dies.
        Process.GetProcessById(instances[leader].Pid).Kill();

        // The browser rejoins the other instance through nginx (its circuit is gone: the reconnect is rejected, the page
        // reloads), still signed in, and its wall resyncs from that instance's live state.
        var second = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "hunanlu", content: "冒烟测试：故障转移之后");
        await RedisCli.XAddAsync(redis, stream, second);
        await Expect(page.Locator($"[data-event-id='{second["id"]}']")).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Expect(page.Locator($"[data-event-id='{first["id"]}']")).ToBeVisibleAsync();
        await Expect(page.Locator(".wall[data-circuit='connected']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.EndsWith("/wall", page.Url);
        using (var afterKill = await probe.GetAsync("/wall"))
            Assert.Equal(HttpStatusCode.OK, afterKill.StatusCode);
        Assert.Contains($"127.0.0.1:{instances[other].Port}", await UpstreamAsync(url, sticky));

        // The token the dead instance issued is honoured by the other: one key ring for both.
        using (var posted = await form.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["__RequestVerificationToken"] = token, ["username"] = user, ["password"] = password, ["returnUrl"] = "/wall",
               })))
            Assert.Equal("/wall", posted.Headers.Location?.OriginalString);

        // The projector lease moved to the survivor.
        await TestWait.UntilAsync(async () => (await DetailAsync(probe)) is var d && d.GetProperty("leaseHolder").GetString() == other
            && d.GetProperty("isLeader").GetBoolean(), $"instance {other} holds the projector lease", Patience);

        // Metrics on the survivor, scraped directly (nginx does not pass /metrics).
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instances[other].Port}") };
        Assert.Contains("cc_events_applied_total", await direct.GetStringAsync("/metrics"));
        using (var blocked = await probe.GetAsync("/metrics"))
            Assert.Equal(HttpStatusCode.NotFound, blocked.StatusCode);
    }

    [Fact]
    public async Task ForwardedProto_FromTheProxyOnly_MakesCookiesSecureAndSendsHsts()
    {
        var url = Setting("CC_SMOKE_URL");
        var instance = Setting("CC_SMOKE_INSTANCES").Split(' ').Select(i => i.Split('=', '@')).First(p => Process.GetProcesses().Any(x => x.Id == int.Parse(p[1])));
        // 127.0.0.1 is the known proxy (Proxy:KnownProxies): as nginx does behind TLS, it says the request came over HTTPS.
        using var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{instance[2]}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await direct.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "no HSTS header behind TLS");
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        // Through nginx over plain HTTP the same page has neither.
        using var plain = new HttpClient { BaseAddress = new Uri(url) };
        using var viaNginx = await plain.GetAsync("/signin");
        Assert.False(viaNginx.Headers.Contains("Strict-Transport-Security"));
    }

    private static readonly Dictionary<HttpClient, CookieContainer> Jars = [];

    private static async Task<HttpClient> SignedInClientAsync(string url, string user, string password, string? stickyTo)
    {
        var cookies = new CookieContainer();
        if (stickyTo is not null)
            cookies.Add(new Uri(url), new System.Net.Cookie("cc_node", stickyTo));
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        lock (Jars) Jars[client] = cookies;
        using var response = await client.PostSignInAsync(user, password);
        Assert.Equal("/wall", response.Headers.Location?.OriginalString);
        return client;
    }

    private static async Task<JsonElement> DetailAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/healthz/detail"));
        return json.RootElement.Clone();
    }

    private static async Task<string> UpstreamAsync(string url, string sticky)
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri(url), new System.Net.Cookie("cc_node", sticky));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url) };
        using var response = await client.GetAsync("/healthz");
        return string.Join(",", response.Headers.GetValues("X-CC-Upstream"));
    }

    /// <summary>A cc_node value that nginx's consistent hash sends to the instance on <paramref name="port"/>.</summary>
    private static async Task<string> StickyValueForAsync(string url, string port)
    {
        for (var i = 0; i < 64; i++)
        {
            var candidate = $"smoke-{i}";
            if ((await UpstreamAsync(url, candidate)).EndsWith($":{port}", StringComparison.Ordinal))
                return candidate;
        }
        throw new InvalidOperationException($"no cc_node value routes to port {port}");
    }

    /// <summary>The live hub through nginx, WebSockets only, with the signed-in cookie and the same sticky cookie.</summary>
    private static async Task<HubConnection> HubAsync(string url, HttpClient signedIn, string sticky)
    {
        var cookies = new CookieContainer();
        CookieContainer signedInCookies;
        lock (Jars) signedInCookies = Jars[signedIn];
        foreach (System.Net.Cookie cookie in signedInCookies.GetCookies(new Uri(url)))
            cookies.Add(new Uri(url), new System.Net.Cookie(cookie.Name, cookie.Value));
        cookies.Add(new Uri(url), new System.Net.Cookie("cc_node", sticky));
        var hub = new HubConnectionBuilder()
            .WithUrl($"{url}/hubs/live", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Cookies = cookies;
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }
}
