using System.Net;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Security;

public sealed class HardeningTests
{
    [Fact]
    public async Task AnyPage_CarriesCspWithNonceAndTheUsualSecurityHeaders()
    {
        await using var factory = new WallAppFactory { FakeLog = true };

        using var response = await factory.AnonymousClient().GetAsync("/signin");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", html);
    }

    [Fact]
    public async Task CircuitNegotiate_FromAnotherOrigin_Is403_SameOriginPassesTheCheck()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = await factory.SignedInClientAsync("operator");

        using var evil = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        evil.Headers.Add("Origin", "http://evil.example");
        using var refused = await client.SendAsync(evil);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", "http://localhost");
        using var accepted = await client.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Origin_ConfiguredAllowedOrigin_PassesTheCheck()
    {
        await using var factory = new WallAppFactory { FakeLog = true, Settings = { ["Security:AllowedOrigins:0"] = "https://screens.gulou.example" } };
        using var client = await factory.SignedInClientAsync("operator");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://screens.gulou.example");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Limits_CircuitsHubsAndBodies_AreBounded()
    {
        await using var factory = new WallAppFactory { FakeLog = true };

        var circuits = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        var hubs = factory.Services.GetRequiredService<IOptions<HubOptions>>().Value;
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(50, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(2), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(10, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(32 * 1024, hubs.MaximumReceiveMessageSize);
        Assert.Equal(RequestLimits.MaxBody, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = await factory.SignedInClientAsync("operator");

        using var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/wall")).StatusCode);
    }
}
