using System.Net;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_EmbeddedMode_ReportsOkWithStoresAndCounters()
    {
        await using var factory = new WallAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal("embedded", root.GetProperty("mode").GetString());
        Assert.Equal("ok", root.GetProperty("eventLog").GetString());
        Assert.Equal("ok", root.GetProperty("database").GetString());
        Assert.Equal(0, root.GetProperty("deadLettered").GetInt64());
        foreach (var name in new[] { "appliedCount", "lastAppliedId", "liveLastId", "tailLagMs" })
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
    }

    [Fact]
    public async Task Healthz_AfterAnEventIsAppended_ShowsItAppliedByProjectorAndLiveTail()
    {
        await using var factory = new WallAppFactory();
        using var client = factory.CreateClient();
        var ticket = TestEvents.TicketReceived(DateTimeOffset.UtcNow);

        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([ticket]);

        JsonElement root = default;
        await TestWait.UntilAsync(async () =>
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
            root = json.RootElement.Clone();
            return root.GetProperty("lastAppliedId").GetString() == ticket["id"] && root.GetProperty("liveLastId").GetString() == ticket["id"];
        }, "the projector and the live tail have applied the ticket");

        Assert.Equal(1, root.GetProperty("appliedCount").GetInt64());
        Assert.True(root.GetProperty("tailLagMs").GetInt64() >= 0);
    }
}
