using System.Net;
using System.Text.Json;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Web.Tests.Hosting;

/// <summary>
/// A database that is locked at start does not stop the app (issue "the log is the truth under every fault",
/// deliverable 6): it starts, /healthz answers 503 with a plain reason, every other request a plain 503, and once the
/// lock is gone it migrates by itself and serves.
/// </summary>
public sealed class DatabaseStartTests
{
    [Fact]
    public async Task Start_DatabaseWriteLockedBeforeItsFirstMigration_ServesHealthWithTheReasonThenRecovers()
    {
        await using var factory = new WallAppFactory();
        await using var holder = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await holder.OpenAsync();
        await using (var hold = holder.CreateCommand())
        {
            hold.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE other_process (x); BEGIN IMMEDIATE; INSERT INTO other_process VALUES (1);";
            await hold.ExecuteNonQueryAsync();
        }

        using var client = factory.CreateClient();
        using (var health = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
            // In embedded mode the log lives in that database too: both are named, in plain words.
            Assert.Contains("the database is not ready", json.RootElement.GetProperty("reason").GetString());
        }
        using (var page = await client.GetAsync("/signin"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("数据库暂不可用", await page.Content.ReadAsStringAsync());
        }

        await using (var release = holder.CreateCommand())
        {
            release.CommandText = "COMMIT";
            await release.ExecuteNonQueryAsync();
        }

        await TestWait.UntilAsync(async () =>
        {
            using var health = await client.GetAsync("/healthz");
            return health.StatusCode == HttpStatusCode.OK;
        }, "the app migrates and reports healthy once the lock is gone", TimeSpan.FromSeconds(30));
        using var signin = await client.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, signin.StatusCode);
    }
}
