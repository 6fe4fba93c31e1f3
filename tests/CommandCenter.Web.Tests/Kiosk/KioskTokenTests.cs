using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Kiosk;

public sealed class KioskTokenTests
{
    private static async Task<(KioskTokenInfo Token, string Secret)> CreateAsync(WallAppFactory factory, params string[] views) =>
        await factory.Services.GetRequiredService<KioskTokenStore>().CreateAsync("北区大屏", views, "test");

    [Fact]
    public async Task TokenUrl_OpenedOnce_SetsAnHttpOnlyCookieAndDropsTheTokenFromTheAddress()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (token, secret) = await CreateAsync(factory, "wall");
        using var screen = factory.AnonymousClient();

        using var open = await screen.GetAsync(new Uri(KioskLinks.UrlFor("http://localhost", token, secret)).PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/wall", open.Headers.Location?.OriginalString);
        var cookie = Assert.Single(open.Headers.GetValues("Set-Cookie"), c => c.StartsWith(KioskAuthenticationHandler.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var wall = await screen.GetAsync("/wall");
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.Contains("data-street=", await wall.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_BoundToAnotherView_CannotOpenTheWall()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, secret) = await CreateAsync(factory, "lobby");
        using var screen = factory.AnonymousClient();
        screen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var wall = await screen.GetAsync("/wall");

        Assert.True(wall.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{wall.StatusCode}");
        Assert.DoesNotContain("data-street=", await wall.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_Revoked_NoLongerOpensAnything()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var store = factory.Services.GetRequiredService<KioskTokenStore>();
        var (token, secret) = await CreateAsync(factory, "wall");
        using var screen = factory.AnonymousClient();
        await screen.GetAsync($"/wall?token={secret}");
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync("/wall")).StatusCode);

        Assert.True(await store.RevokeAsync(token.Id, "admin"));

        using var withCookie = await screen.GetAsync("/wall");
        // A wall screen is told its token was revoked, not sent to a sign-in page nobody at the wall fills in.
        Assert.Equal(KioskRevoked.Path, withCookie.Headers.Location?.OriginalString);
        using var again = await factory.AnonymousClient().GetAsync($"/wall?token={secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.KioskTokenRevoked && e.Subject == $"kiosk:{token.Id}");
        Assert.Contains(audit, e => e.Kind == SecurityAudit.KioskTokenCreated && e.Subject == $"kiosk:{token.Id}");
    }

    [Fact]
    public async Task Token_TryingToAct_IsRefusedEverywhere()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, secret) = await CreateAsync(factory, "wall");
        using var screen = factory.AnonymousClient();
        screen.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var command = await screen.PostAsJsonAsync("/api/v1/commands", new
        {
            type = "whistle.blown", street = "ninghailu",
            data = new { whistleId = Guid.NewGuid(), level = "work-advance", title = "t", departments = new[] { "chengguan" }, reportDueAt = DateTimeOffset.UtcNow.AddHours(2) },
        });
        using var read = await screen.GetAsync("/api/v1/whistles");
        using var admin = await screen.GetAsync("/admin/users");
        using var ingest = await screen.PostAsJsonAsync("/api/v1/events", Array.Empty<object>());

        Assert.Equal(HttpStatusCode.Forbidden, command.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.True(admin.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{admin.StatusCode}");
        Assert.DoesNotContain("api-key", await admin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ingest.StatusCode);
    }

    [Fact]
    public async Task Tokens_AreStoredOnlyAsHashes()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, secret) = await CreateAsync(factory, "wall");
        await using var connection = await factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();

        var stored = await connection.QuerySingleAsync<string>("SELECT secret_hash FROM kiosk_tokens");

        Assert.Equal(Secrets.Hash(secret), stored);
        Assert.DoesNotContain(secret, stored);
        Assert.True(secret.Length > 40);
    }
}
