using System.Net;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Account;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Sign-in cannot be turned against its owner: a stranger's failures slow down only the stranger (per address and
/// name, with back-off), never lock the account; a known and an unknown name get the same answer after the same
/// password hash. Timing figures belong in the benchmark (bench.sh), not here: the hash is counted instead.
/// </summary>
public sealed class SignInAbuseTests
{
    private static string Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? "";

    /// <summary>The example: five (and more) wrong passwords for admin from a stranger, then admin from their own desk.</summary>
    [Fact]
    public async Task WrongPasswordsFromAStranger_DoNotLockTheAccountForItsOwner()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var stranger = factory.AnonymousClient("10.66.0.1");
        for (var i = 0; i < SignInThrottle.FreeFailures + 1; i++)
        {
            using var failed = await stranger.PostSignInAsync("admin", "guess-" + i);
            Assert.StartsWith("/signin?error=invalid", Location(failed));
        }

        using var owner = factory.AnonymousClient("10.20.0.7");
        using var signedIn = await owner.PostSignInAsync("admin", Web.Security.DemoAccountSeeder.Password, returnUrl: "/admin/users");

        Assert.Equal("/admin/users", Location(signedIn));
        var users = factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync("admin"))!));
    }

    [Fact]
    public async Task AStrangerPastTheFreeFailures_IsToldToWait_EvenWithTheRightPassword()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var stranger = factory.AnonymousClient("10.66.0.2");
        for (var i = 0; i < SignInThrottle.FreeFailures + 1; i++)
            (await stranger.PostSignInAsync("operator", "guess-" + i)).Dispose();

        using var next = await stranger.PostSignInAsync("operator", Web.Security.DemoAccountSeeder.Password);

        Assert.StartsWith("/signin?error=wait", Location(next));
        Assert.True(next.Headers.RetryAfter is not null || next.Headers.Contains("Retry-After"));
    }

    /// <summary>The example: a real account and an unknown name answer alike (<c>invalid</c>, never <c>locked</c>).</summary>
    [Fact]
    public async Task KnownAndUnknownNames_GetTheSameAnswer_EvenAfterManyFailures()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var answers = new List<(string Known, string Unknown)>();
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            using var client = factory.AnonymousClient($"10.67.0.{i + 1}");
            using var known = await client.PostSignInAsync("admin", "wrong");
            using var unknown = await client.PostSignInAsync("nobody-" + i, "wrong");
            answers.Add((Location(known), Location(unknown)));
        }

        Assert.All(answers, a => Assert.Equal(a.Known, a.Unknown));
        Assert.All(answers, a => Assert.StartsWith("/signin?error=invalid", a.Known));
    }

    /// <summary>An unknown name runs the very same password hash as a known one (counted, not timed).</summary>
    [Fact]
    public async Task UnknownName_RunsThePasswordHashOnceAsAKnownNameDoes()
    {
        var hasher = new CountingHasher();
        await using var app = new WallAppFactory { FakeLog = true }.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        using var client = app.AnonymousClient("10.68.0.1");
        (await client.PostSignInAsync("warm-up", "wrong")).Dispose();

        var before = hasher.Verifications;
        (await client.PostSignInAsync("admin", "wrong")).Dispose();
        var known = hasher.Verifications - before;
        before = hasher.Verifications;
        (await client.PostSignInAsync("no-such-person", "wrong")).Dispose();
        var unknown = hasher.Verifications - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public void Throttle_BacksOffPerAddressAndName_AndASuccessClearsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T09:00:00+08:00"));
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
            throttle.Failed("10.0.0.1", "admin");
        Assert.Null(throttle.WaitBeforeTrying("10.0.0.1", "admin"));

        throttle.Failed("10.0.0.1", "admin");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.WaitBeforeTrying("10.0.0.1", "ADMIN"));
        throttle.Failed("10.0.0.1", "admin");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.WaitBeforeTrying("10.0.0.1", "admin"));
        Assert.Null(throttle.WaitBeforeTrying("10.0.0.2", "admin"));
        Assert.Null(throttle.WaitBeforeTrying("10.0.0.1", "operator"));
        Assert.Equal(SignInThrottle.MaxWait, SignInThrottle.Backoff(100));

        throttle.Succeeded("10.0.0.1", "admin");
        Assert.Null(throttle.WaitBeforeTrying("10.0.0.1", "admin"));
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = QuickPasswordHashing.Iterations }));
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
