using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>/hubs/live: who may connect (a person's cookie or a kiosk bearer token), which scopes, how often.</summary>
public sealed class HubSecurityTests : IAsyncLifetime
{
    private WallAppFactory _factory = null!;
    private string _address = "";

    public Task InitializeAsync()
    {
        _factory = new WallAppFactory { Settings = { ["Security:HubInvocationsPer10Seconds"] = "20" } };
        _address = _factory.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(KioskTokenInfo Token, string Secret)> KioskAsync() =>
        await _factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("LED 屏控制器", ["wall"], "test");

    private HubConnection Connect(Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null) =>
        new HubConnectionBuilder().WithUrl($"{_address}{LiveHub.Path}", o => configure?.Invoke(o)).Build();

    /// <summary>A person's connection: the sign-in cookie of a real sign-in, passed to the hub client.</summary>
    private async Task<HubConnection> ConnectAsPersonAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_address) };
        using var response = await client.PostSignInAsync(userName, Web.Security.DemoAccountSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var connection = Connect(o => o.Cookies = cookies);
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task Connect_Anonymous_IsRefused()
    {
        await using var connection = Connect();

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Connect_KioskBearerToken_ReceivesEvents()
    {
        var (_, secret) = await KioskAsync();
        await using var connection = Connect(o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        var received = new ConcurrentQueue<JsonElement>();
        connection.On<JsonElement>(LiveHub.EnvelopeMessage, received.Enqueue);
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "district");

        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow);
        await _factory.Services.GetRequiredService<IEventLog>().AppendAsync([ticket]);

        await TestWait.UntilAsync(() => received.Any(e => e.GetProperty("id").GetString() == ticket["id"]), "the kiosk receives the event");
    }

    [Fact]
    public async Task Connect_RevokedKioskToken_IsRefused()
    {
        var (token, secret) = await KioskAsync();
        await _factory.Services.GetRequiredService<KioskTokenStore>().RevokeAsync(token.Id, "admin");
        await using var connection = Connect(o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Connect_FromAnotherSitesOrigin_IsRefused()
    {
        var (_, secret) = await KioskAsync();
        await using var connection = Connect(o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(secret);
            o.Headers["Origin"] = "http://evil.example";
        });

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Subscribe_StreetDirectorToAnotherStreetOrTheDistrict_IsRefused_OwnStreetIsAllowed()
    {
        await using var connection = await ConnectAsPersonAsync("director.ninghailu");

        var otherStreet = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "street:huaqiaolu"));
        var district = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "district"));
        var family = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "family:whistle"));
        await connection.InvokeAsync("Subscribe", "street:ninghailu");

        Assert.Contains("forbidden", otherStreet.Message);
        Assert.Contains("forbidden", district.Message);
        Assert.Contains("forbidden", family.Message);
    }

    [Fact]
    public async Task Subscribe_StreetDirector_ReceivesOnlyTheirStreetsPushes()
    {
        await using var connection = await ConnectAsPersonAsync("director.ninghailu");
        var received = new ConcurrentQueue<JsonElement>();
        connection.On<JsonElement>(LiveHub.EnvelopeMessage, received.Enqueue);
        await connection.InvokeAsync("Subscribe", "street:ninghailu");
        var other = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "huaqiaolu");
        var own = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "ninghailu");

        await _factory.Services.GetRequiredService<IEventLog>().AppendAsync([other, own]);

        await TestWait.UntilAsync(() => received.Any(e => e.GetProperty("id").GetString() == own["id"]), "the own street's event arrives");
        Assert.DoesNotContain(received, e => e.GetProperty("street").GetString() != "ninghailu");
    }

    [Fact]
    public async Task Invoke_KioskCallingAnythingButSubscribe_IsRefused()
    {
        var (_, secret) = await KioskAsync();
        await using var connection = Connect(o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        await connection.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("OnDisconnectedAsync", (object?)null));
    }

    [Fact]
    public async Task Invoke_FloodOfSubscribes_IsRateLimitedPerConnection()
    {
        var (_, secret) = await KioskAsync();
        await using var flooder = Connect(o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        await flooder.StartAsync();
        HubException? limited = null;

        for (var i = 0; i < 40 && limited is null; i++)
        {
            try
            {
                await flooder.InvokeAsync("Subscribe", "district");
            }
            catch (HubException ex)
            {
                limited = ex;
            }
        }

        Assert.NotNull(limited);
        Assert.Contains("too many requests", limited.Message);
        await using var calm = Connect(o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        await calm.StartAsync();
        await calm.InvokeAsync("Subscribe", "district");
    }

    /// <summary>The example: a street kiosk token as a hub bearer cannot follow the district, only its street.</summary>
    [Fact]
    public async Task Subscribe_StreetKioskToken_FollowsItsStreetOnly()
    {
        var (_, secret) = await _factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("宁海路街道屏", ["street:ninghailu"], "test");
        await using var connection = Connect(o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        await connection.StartAsync();

        var district = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "district"));
        var family = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "family:ticket"));
        var other = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "street:huaqiaolu"));
        await connection.InvokeAsync("Subscribe", "street:ninghailu");

        Assert.All([district, family, other], e => Assert.Contains("forbidden", e.Message));
    }

    /// <summary>The example: the administrator, who sees no operational data, follows no scope.</summary>
    [Fact]
    public async Task Subscribe_Admin_IsRefusedEveryScope()
    {
        await using var connection = await ConnectAsPersonAsync("admin");

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "district"));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "street:ninghailu"));
    }
}
