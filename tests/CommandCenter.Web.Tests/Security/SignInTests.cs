using System.Net;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

public sealed class SignInTests
{
    [Theory]
    [InlineData("operator")]
    [InlineData("dispatcher")]
    [InlineData("director.ninghailu")]
    [InlineData("leader.ninghailu")]
    [InlineData("liaison.chengguan")]
    [InlineData("district")]
    [InlineData("admin")]
    public async Task SignIn_DemoAccountInDevelopment_Succeeds(string userName)
    {
        await using var factory = new WallAppFactory { FakeLog = true };

        using var client = await factory.SignedInClientAsync(userName);

        using var page = await client.GetAsync("/access-denied");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignIn_Production_NoDemoAccountAndNoDefaultPasswordWorks()
    {
        await using var factory = new WallAppFactory { FakeLog = true, Environment = "Production" };
        var names = DemoAccountSeeder.Accounts.Select(a => a.UserName).Append("administrator").Append("root").ToList();

        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            using var client = factory.AnonymousClient($"10.1.1.{i + 1}");
            using var response = await client.PostSignInAsync(name, DemoAccountSeeder.Password);
            Assert.True(response.Headers.Location?.OriginalString.StartsWith("/signin?error=invalid", StringComparison.Ordinal) == true,
                $"{name}: {(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
        }
        await using var connection = await factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task SignIn_WrongPassword_RedirectsBackWithErrorAndIsAudited()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient("10.1.1.2");

        using var response = await client.PostSignInAsync("operator", "not-the-password");

        Assert.StartsWith("/signin?error=invalid", response.Headers.Location?.OriginalString);
        using var wall = await client.GetAsync("/wall");
        Assert.StartsWith("/signin", wall.Headers.Location?.OriginalString);
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignInFailed && e.Subject == "operator" && e.RemoteIp == "10.1.1.2");
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient("10.1.1.3");

        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "operator", ["password"] = DemoAccountSeeder.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_LandsOnTheAppInstead()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient("10.1.1.4");

        using var response = await client.PostSignInAsync("operator", DemoAccountSeeder.Password, returnUrl: "//evil.example/steal");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_HundredFailures_Answer429ToTheAttackerWithoutLockingTheAccountForItsOwner()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var attacker = factory.AnonymousClient("10.66.0.1");
        var statuses = new List<HttpStatusCode>();
        var token = await SignIn.AntiforgeryTokenAsync(attacker, "/signin");

        for (var i = 0; i < 100; i++)
        {
            using var response = await attacker.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["username"] = "dispatcher", ["password"] = $"guess-{i}",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Redirect, statuses[0]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync("dispatcher"))!));
        }
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignInFailed && e.Subject == "dispatcher" && e.RemoteIp == "10.66.0.1");

        // The owner, from their own address, signs in as ever; everyone else is still served.
        using var owner = await factory.SignedInClientAsync("dispatcher", clientIp: "10.66.0.2");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/wall")).StatusCode);
        using var other = await factory.SignedInClientAsync("operator", clientIp: "10.66.0.3");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/wall")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.AnonymousClient().GetAsync("/healthz")).StatusCode);
    }

    /// <summary>An account an administrator locked: only the right password learns it is locked; a wrong one answers as ever.</summary>
    [Fact]
    public async Task SignIn_AccountLockedByAnAdministrator_OnlyTheRightPasswordIsToldSo()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("dispatcher"))!, DateTimeOffset.UtcNow.AddDays(1));
        }
        using var client = factory.AnonymousClient("10.66.1.1");

        using var wrong = await client.PostSignInAsync("dispatcher", "wrong");
        using var right = await client.PostSignInAsync("dispatcher", DemoAccountSeeder.Password);

        Assert.StartsWith("/signin?error=invalid", wrong.Headers.Location?.OriginalString);
        Assert.StartsWith("/signin?error=locked", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/wall")).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_OtherSessionOfTheSameUser_IsSignedOut()
    {
        await using var factory = new WallAppFactory { FakeLog = true, Settings = { ["Security:RevalidationInterval"] = "00:00:00" } };
        using var laptop = await factory.SignedInClientAsync("operator");
        using var tablet = await factory.SignedInClientAsync("operator");
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/wall")).StatusCode);

        var token = await SignIn.AntiforgeryTokenAsync(laptop, "/access-denied");
        using var signOut = await laptop.PostAsync("/account/signout-everywhere",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/signin", signOut.Headers.Location?.OriginalString);
        using var after = await tablet.GetAsync("/wall");
        Assert.StartsWith("/signin", after.Headers.Location?.OriginalString);
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignedOutEverywhere && e.Subject == "operator");
    }

    [Fact]
    public async Task SignOut_Session_IsEndedAndAudited()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = await factory.SignedInClientAsync("district");

        var token = await SignIn.AntiforgeryTokenAsync(client, "/access-denied");
        await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        using var after = await client.GetAsync("/wall");
        Assert.StartsWith("/signin", after.Headers.Location?.OriginalString);
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignedOut && e.Subject == "district");
        Assert.Contains(audit, e => e.Kind == SecurityAudit.SignedIn && e.Subject == "district");
    }

    [Fact]
    public async Task Passwords_AreStoredAsFrameworkHashes()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        _ = factory.Services;
        await using var connection = await factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();

        var hashes = (await connection.QueryAsync<string>("SELECT password_hash FROM users")).ToList();

        Assert.NotEmpty(hashes);
        Assert.All(hashes, h => Assert.DoesNotContain(DemoAccountSeeder.Password, h));
        // The framework's own hasher, as the app configures it (tests hash with fewer iterations: Hosting/QuickPasswordHashing).
        await using var scope = factory.Services.CreateAsyncScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();
        Assert.All(hashes, h => Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new AppUser(), h, DemoAccountSeeder.Password)));
    }

    [Fact]
    public async Task OpenIdConnect_RegisteredOnlyWhenConfigured()
    {
        await using var plain = new WallAppFactory { FakeLog = true };
        await using var sso = new WallAppFactory
        {
            FakeLog = true,
            Settings =
            {
                ["Authentication:OpenIdConnect:Authority"] = "https://sso.gulou.gov.example/",
                ["Authentication:OpenIdConnect:ClientId"] = "command-center",
            },
        };

        var without = await plain.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(WebSecurity.OidcScheme);
        var with = await sso.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(WebSecurity.OidcScheme);

        Assert.Null(without);
        Assert.NotNull(with);
        Assert.Contains("/account/sso", await sso.AnonymousClient().GetStringAsync("/signin"));
        Assert.DoesNotContain("/account/sso", await plain.AnonymousClient().GetStringAsync("/signin"));
    }
}
