using System.Net;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_Anonymous_GivesTheStatusAndNothingElse()
    {
        await using var factory = new WallAppFactory();
        using var client = factory.AnonymousClient();

        using var response = await client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        // No host name, process, stream key or event id for strangers: the status, and a reason only when not ok.
        Assert.Equal(["reason", "status"], json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("reason").ValueKind);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("dispatcher", HttpStatusCode.Forbidden)]
    [InlineData("director.ninghailu", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task HealthzDetail_ByRole_OnlyOperatorAndAdminSeeTheFigures(string? user, HttpStatusCode expected)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = user is null ? factory.AnonymousClient() : await factory.SignedInClientAsync(user);

        using var response = await client.GetAsync("/healthz/detail");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HealthzDetail_EmbeddedMode_ReportsOkWithStoresAndCounters()
    {
        await using var factory = new WallAppFactory();
        using var client = await factory.SignedInClientAsync("operator");

        using var response = await client.GetAsync("/healthz/detail");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal("embedded", root.GetProperty("mode").GetString());
        Assert.Equal("ok", root.GetProperty("eventLog").GetString());
        Assert.Equal("ok", root.GetProperty("database").GetString());
        Assert.Equal(0, root.GetProperty("deadLettered").GetInt64());
        foreach (var name in new[] { "appliedCount", "lastAppliedId", "liveLastId", "tailLagMs", "projectorLagMs", "isLeader", "pending", "leaseHolder", "stream" })
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
        Assert.Equal(["database", "eventLog", "geography", "pipeline"], root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task HealthzDetail_AfterAnEventIsAppended_ShowsItAppliedByProjectorAndLiveTail()
    {
        await using var factory = new WallAppFactory();
        using var client = await factory.SignedInClientAsync("operator");
        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow);

        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([ticket]);

        JsonElement root = default;
        await TestWait.UntilAsync(async () =>
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync("/healthz/detail"));
            root = json.RootElement.Clone();
            return root.GetProperty("lastAppliedId").GetString() == ticket["id"] && root.GetProperty("liveLastId").GetString() == ticket["id"];
        }, "the projector and the live tail have applied the ticket");

        Assert.Equal(1, root.GetProperty("appliedCount").GetInt64());
        Assert.True(root.GetProperty("tailLagMs").GetInt64() >= 0);
    }
}
