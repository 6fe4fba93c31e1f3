using CommandCenter.Core.EventLog;
using CommandCenter.Core.Projection;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Web.Tests.Hosting;

/// <summary>
/// The real app in embedded mode on a temp database file, simulator and backfill off (a test that turns the simulator on
/// still gets no generated past unless it asks for <c>Simulator:Backfill</c>). <see cref="FakeLog"/> swaps the log and
/// the snapshot source for in-memory ones where a test needs no database.
/// </summary>
public sealed class WallAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-web-").FullName;

    public bool FakeLog { get; init; }

    /// <summary>The host environment; Development seeds the demo accounts, Production seeds nothing.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Extra configuration, applied last.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    internal InMemoryEventLog MemoryLog { get; } = new();

    public string DatabasePath => Path.Combine(_dir, "commandcenter.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Database", $"Data Source={DatabasePath}");
        builder.UseSetting("EventLog:Provider", "Embedded");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Simulator:Backfill", "false");
        // Outside Development the app names its host names (TestServer's is localhost).
        if (Environment != "Development")
            builder.UseSetting("AllowedHosts", "localhost");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        // TestServer has no client address: a test names one with X-Test-Client-Ip (per-client rate limits).
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>().HashPasswordsQuickly());
        if (FakeLog)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IEventLog>();
                services.RemoveAll<IStateSnapshotSource>();
                services.AddSingleton<IEventLog>(MemoryLog);
                services.AddSingleton<IStateSnapshotSource>(new FixedSnapshotSource());
            });
        }
    }

    private sealed class TestClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers["X-Test-Client-Ip"].ToString() is { Length: > 0 } ip)
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a late SQLite pool; the temp folder is cleaned by the OS later.
        }
    }
}
