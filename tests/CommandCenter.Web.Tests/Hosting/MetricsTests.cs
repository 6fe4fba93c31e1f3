using System.Net;
using CommandCenter.Web.Tests.Security;

namespace CommandCenter.Web.Tests.Hosting;

/// <summary>/metrics: the command center's instruments for Prometheus, to loopback (or named networks) only.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_FromLoopback_ListsTheCommandCentersInstruments()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient("127.0.0.1");

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[] { "cc_events_applied_total", "cc_events_rejected_total", "cc_events_dead_lettered_total", "cc_projector_lag_seconds",
                     "cc_circuits_active", "cc_hub_connections", "cc_projector_leader" })
            Assert.Contains(name, text);
    }

    [Theory]
    [InlineData("203.0.113.9", null, HttpStatusCode.NotFound)]
    [InlineData("10.20.30.40", "10.20.0.0/16", HttpStatusCode.OK)]
    public async Task Metrics_FromElsewhere_OnlyFromTheAllowedNetworks(string caller, string? allowed, HttpStatusCode expected)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        if (allowed is not null)
            factory.Settings["Metrics:AllowedNetworks:0"] = allowed;
        using var client = factory.AnonymousClient(caller);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
    }
}
