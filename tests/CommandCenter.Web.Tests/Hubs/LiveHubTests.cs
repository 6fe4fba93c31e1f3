using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>The /hubs/live hub in Redis mode: events appended with redis-cli reach .NET and JavaScript clients.</summary>
public sealed class LiveHubTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-hub-").FullName;
    private RedisAppFactory _app = null!;
    private string _address = "";

    public Task InitializeAsync()
    {
        _app = new RedisAppFactory(RedisAppFactory.TestRedis, $"test:hub:{Guid.NewGuid():N}", Path.Combine(_dir, "cc.db"), "hub-test");
        _address = _app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>A wall controller's kiosk token, sent as the bearer token (accessTokenFactory).</summary>
    private async Task<string> KioskTokenAsync() =>
        (await _app.Services.GetRequiredService<KioskTokenStore>().CreateAsync("LED wall controller", ["wall"], "test")).Secret;

    private async Task<(HubConnection Connection, ConcurrentQueue<JsonElement> Received)> ConnectAsync(params string[] scopes)
    {
        var token = await KioskTokenAsync();
        var connection = new HubConnectionBuilder().WithUrl($"{_address}/hubs/live", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        var received = new ConcurrentQueue<JsonElement>();
        connection.On<JsonElement>("envelope", envelope => received.Enqueue(envelope));
        await connection.StartAsync();
        foreach (var scope in scopes)
            await connection.InvokeAsync("Subscribe", scope);
        return (connection, received);
    }

    [Fact]
    public async Task Subscribe_StreetScope_DotNetClientReceivesThatStreetsEventFromRedisCliWithDataAsObject()
    {
        var (connection, received) = await ConnectAsync("street:fenghuang");
        await using var _ = connection;
        var elsewhere = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "ninghailu");
        var here = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "fenghuang", content: "凤凰街道 <script>alert(1)</script>");

        await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, elsewhere);
        await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, here);

        await TestWait.UntilAsync(() => !received.IsEmpty, "the fenghuang event arrives", TimeSpan.FromSeconds(5));
        var envelope = Assert.Single(received);
        Assert.Equal(here["id"], envelope.GetProperty("id").GetString());
        Assert.Equal("ticket.received", envelope.GetProperty("type").GetString());
        Assert.Equal("fenghuang", envelope.GetProperty("street").GetString());
        Assert.Equal(1, envelope.GetProperty("v").GetInt32());
        Assert.Equal(JsonValueKind.Object, envelope.GetProperty("data").ValueKind);
        Assert.Equal("凤凰街道 <script>alert(1)</script>", envelope.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Subscribe_OverlappingScopes_EachEventArrivesOnce()
    {
        var (connection, received) = await ConnectAsync("district", "street:ninghailu", "family:ticket");
        await using var _ = connection;
        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "ninghailu");
        var marker = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "xiaoshi");

        await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, ticket);
        await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, marker);

        await TestWait.UntilAsync(() => received.Any(e => e.GetProperty("id").GetString() == marker["id"]), "the marker arrives", TimeSpan.FromSeconds(5));
        Assert.Single(received, e => e.GetProperty("id").GetString() == ticket["id"]);
    }

    [Fact]
    public async Task Unsubscribe_AfterwardsNoMoreEventsOfThatScope()
    {
        var (connection, received) = await ConnectAsync("family:ticket", "street:xiaoshi");
        await using var _ = connection;
        await connection.InvokeAsync("Unsubscribe", "family:ticket");
        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "ninghailu");
        var marker = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "xiaoshi");

        await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, ticket);
        await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, marker);

        await TestWait.UntilAsync(() => !received.IsEmpty, "the marker arrives", TimeSpan.FromSeconds(5));
        Assert.Equal(marker["id"], Assert.Single(received).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("everything")]
    [InlineData("street:atlantis")]
    [InlineData("family:rumour")]
    public async Task Subscribe_UnknownScope_FailsWithTheValidForms(string scope)
    {
        var (connection, _) = await ConnectAsync();
        await using var _ = connection;

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", scope));

        Assert.Contains("street:{code}", error.Message);
    }

    [Theory]
    [InlineData("SendAsync")]
    [InlineData("Broadcast")]
    [InlineData("OnConnectedAsync")]
    public async Task Invoke_AnythingButSubscribe_IsRefused(string method)
    {
        var (connection, _) = await ConnectAsync();
        await using var _ = connection;

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(method, "envelope", "{}"));
    }

    [Fact]
    public async Task Subscribe_JavaScriptClientFromNpm_ReceivesAnEventAppendedWithRedisCli()
    {
        var clientDir = Path.Combine(RepoPaths.Root(), "tests", "hub-client");
        Assert.True(Directory.Exists(Path.Combine(clientDir, "node_modules", "@microsoft", "signalr")),
            "tests/hub-client/node_modules is missing: run `npm ci --prefix tests/hub-client` (tests/run.sh does)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = clientDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "client.mjs", _address, "street:jiangdong", "1", await KioskTokenAsync() }) start.ArgumentList.Add(arg);
        using var node = Process.Start(start)!;
        try
        {
            var first = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("subscribed", first);
            var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow, street: "jiangdong", content: "江东街道 路灯不亮");

            await RedisCli.XAddAsync(RedisAppFactory.TestRedis, _app.StreamKey, ticket);

            var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            using var envelope = JsonDocument.Parse(line!);
            Assert.Equal(ticket["id"], envelope.RootElement.GetProperty("id").GetString());
            Assert.Equal("江东街道 路灯不亮", envelope.RootElement.GetProperty("data").GetProperty("content").GetString());
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, node.ExitCode);
        }
        finally
        {
            if (!node.HasExited) node.Kill(entireProcessTree: true);
        }
    }

}
