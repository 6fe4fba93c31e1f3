using System.Diagnostics;
using CommandCenter.Infrastructure;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Cli.Tests.Security;

/// <summary>
/// `cc users create`, `cc apikey create`, `cc kiosk create` as an operator runs them in Production: configured only by
/// environment variables (the same the app reads), against the app's database.
/// </summary>
public sealed class SecurityCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-cli-sec-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_dir, "cc.db")}";

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private async Task<(int ExitCode, string Output, string LastLine)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cc.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Database"] = ConnectionString;
        start.Environment["EventLog__Provider"] = "Embedded";
        start.Environment["Security__PublicUrl"] = "https://wall.gulou.example";
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        return (process.ExitCode, text + await error, text.TrimEnd().Split('\n')[^1].Trim());
    }

    private ServiceProvider Accounts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = ConnectionString }).Build();
        var services = new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddCommandCenterInfrastructure(configuration);
        services.AddCommandCenterAccounts();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task UsersCreate_FirstAdminWithPasswordOnStdin_CanSignInWithThatPasswordOnly()
    {
        var (exit, output, _) = await RunAsync("a-long-admin-passphrase", "users", "create", "--username", "root.admin", "--role", "Admin");

        Assert.True(exit == 0, output);
        await using var services = Accounts();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByNameAsync("root.admin");
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, "a-long-admin-passphrase"));
        Assert.False(await users.CheckPasswordAsync(admin, "gulou-demo-2026"));
        Assert.Equal(["Admin"], await users.GetRolesAsync(admin));
    }

    [Fact]
    public async Task UsersCreate_StreetDirectorWithoutStreet_IsRefused()
    {
        var (exit, output, _) = await RunAsync(null, "users", "create", "--username", "d", "--password", "a-long-passphrase", "--role", "StreetDirector");

        Assert.Equal(2, exit);
        Assert.Contains("needs a street", output);
    }

    [Fact]
    public async Task UsersCreate_ShortPassword_IsRefused()
    {
        var (exit, output, _) = await RunAsync(null, "users", "create", "--username", "op", "--password", "short", "--role", "Operator");

        Assert.Equal(1, exit);
        Assert.Contains("12", output);
    }

    [Fact]
    public async Task ApiKeyCreate_PrintsTheKeyAsLastLine_StoredOnlyAsItsHash()
    {
        var (exit, output, key) = await RunAsync(null, "apikey", "create", "--source", "grid-app");

        Assert.True(exit == 0, output);
        Assert.StartsWith(ApiKeyStore.Prefix, key);
        await using var services = Accounts();
        var found = await services.GetRequiredService<ApiKeyStore>().FindActiveAsync(key);
        Assert.Equal("grid-app", found?.Source);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(Path.Combine(_dir, "cc.db")));
    }

    [Fact]
    public async Task ApiKeyRevoke_KeyNoLongerFound()
    {
        var (_, _, key) = await RunAsync(null, "apikey", "create", "--source", "enforcement");
        await using var services = Accounts();
        var store = services.GetRequiredService<ApiKeyStore>();
        var id = (await store.FindActiveAsync(key))!.Id;

        var (exit, output, _) = await RunAsync(null, "apikey", "revoke", "--id", id);

        Assert.True(exit == 0, output);
        Assert.Null(await store.FindActiveAsync(key));
    }

    [Fact]
    public async Task KioskCreate_PrintsTheScreensUrlAsLastLine()
    {
        var (exit, output, url) = await RunAsync(null, "kiosk", "create", "--name", "指挥大厅主屏", "--views", "wall,lobby");

        Assert.True(exit == 0, output);
        Assert.StartsWith("https://wall.gulou.example/wall?token=", url);
        var secret = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        await using var services = Accounts();
        var token = await services.GetRequiredService<KioskTokenStore>().FindActiveAsync(secret);
        Assert.Equal(["wall", "lobby"], token?.Views);
    }

    /// <summary>The example: a street view's URL is the street wall's, built by KioskViews, which the web app's admin page uses too (KioskLinks).</summary>
    [Fact]
    public async Task KioskCreate_StreetView_PrintsTheStreetWallsUrl_AsTheWebAppDoes()
    {
        var (exit, output, url) = await RunAsync(null, "kiosk", "create", "--name", "宁海路街道屏", "--views", "street:ninghailu");

        Assert.True(exit == 0, output);
        Assert.StartsWith("https://wall.gulou.example/wall/street/ninghailu?token=", url);
        var secret = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        await using var services = Accounts();
        var token = (await services.GetRequiredService<KioskTokenStore>().FindActiveAsync(secret))!;
        Assert.Equal(url, KioskViews.UrlFor("https://wall.gulou.example", token, secret));
        Assert.Equal(["street:ninghailu"], token.Views);
    }

    [Theory]
    [InlineData("street:nowhere")]
    [InlineData("street%3Aninghailu")]
    [InlineData("revoked")]
    public async Task KioskCreate_AViewThatNamesNothing_IsRefused(string view)
    {
        var (exit, output, _) = await RunAsync(null, "kiosk", "create", "--name", "屏", "--views", view);

        Assert.Equal(2, exit);
        Assert.Contains("cc kiosk create", output);
    }

    /// <summary>The example (<c>--source console</c>) and the kind: no key for the app's own sources or an unconfigured one.</summary>
    [Theory]
    [InlineData("console")]
    [InlineData("Console")]
    [InlineData("simulator")]
    [InlineData("deadline-watcher")]
    [InlineData("projector")]
    [InlineData("housekeeping")]
    [InlineData("some-new-system")]
    public async Task ApiKeyCreate_ReservedOrUnconfiguredSource_IsRefusedAndNothingIssued(string source)
    {
        var (exit, output, _) = await RunAsync(null, "apikey", "create", "--source", source);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("cck_", output);
    }

    [Fact]
    public async Task ApiKeyCreate_Hotline_SaysWhichFamiliesItMayAppend()
    {
        var (exit, output, _) = await RunAsync(null, "apikey", "create", "--source", "hotline-12345");

        Assert.True(exit == 0, output);
        Assert.Contains("which may append ticket.*", output);
    }
}
