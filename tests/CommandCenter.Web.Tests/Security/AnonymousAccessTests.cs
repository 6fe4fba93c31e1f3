using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Deny by default, proven by enumeration: every endpoint the app maps (pages, APIs, hubs and their negotiate
/// endpoints, Blazor's circuit endpoints) is requested anonymously with each of its methods; only sign-in, /healthz
/// (its status and a plain reason), /metrics (to loopback and the networks Metrics:AllowedNetworks names; 404 to
/// everyone else, MetricsTests), the page a revoked wall screen is sent to (/kiosk/revoked: fixed text, no data) and
/// static assets may answer. New endpoints are covered without touching this test.
/// </summary>
public sealed partial class AnonymousAccessTests
{
    private static readonly HashSet<string> PublicRoutes = ["/signin", "/account/signin", "/healthz", "/metrics", "/kiosk/revoked"];

    [Fact]
    public async Task EveryEndpoint_Anonymous_IsRefusedExceptSignInHealthAndStaticAssets()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 10, $"only {endpoints.Count} endpoints found");

        var checkedRoutes = new List<string>();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (IsStaticAsset(endpoint, route))
                continue;
            var path = ParameterPattern().Replace(route, "ninghailu");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                checkedRoutes.Add($"{method} {path}");
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/signin", StringComparison.Ordinal) == true);
                var isPublic = PublicRoutes.Contains(route);
                if (!refused && !isPublic)
                    failures.Add($"{method} {path} ({endpoint.DisplayName}) answered {(int)response.StatusCode} to an anonymous caller");
                if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && !isPublic)
                    failures.Add($"{method} {path} ({endpoint.DisplayName}) allows anonymous access");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("GET /wall", checkedRoutes);
        Assert.Contains("POST /api/v1/events", checkedRoutes);
        Assert.Contains("POST /api/v1/commands", checkedRoutes);
        Assert.True(checkedRoutes.Any(r => r.StartsWith("POST /_blazor/negotiate", StringComparison.Ordinal)), string.Join(", ", checkedRoutes));
        Assert.True(checkedRoutes.Any(r => r.StartsWith("GET /admin", StringComparison.Ordinal)), string.Join(", ", checkedRoutes));
    }

    [Fact]
    public async Task EveryHub_AnonymousNegotiate_IsRefused()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient();
        var hubRoutes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HubMetadata>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => r.EndsWith("/negotiate", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(hubRoutes);

        foreach (var negotiate in hubRoutes)
        {
            using var response = await client.PostAsync($"{negotiate}?negotiateVersion=1", null);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{negotiate}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public void EveryHubMethod_OfTheAppsHubs_HasNoAnonymousEscape()
    {
        var hubs = typeof(Program).Assembly.GetTypes().Where(t => typeof(Hub).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        foreach (var hub in hubs)
        {
            Assert.Null(hub.GetCustomAttribute<AllowAnonymousAttribute>());
            foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                Assert.True(method.GetCustomAttribute<AllowAnonymousAttribute>() is null, $"{hub.Name}.{method.Name} allows anonymous callers");
        }
    }

    /// <summary>MapStaticAssets' endpoints (framework and library files): routes of files with an extension.</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint, string route) =>
        endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true
        || (FileRoute().IsMatch(route) && !route.StartsWith("/api", StringComparison.Ordinal));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\.[a-z0-9]{1,6}$")]
    private static partial Regex FileRoute();
}
