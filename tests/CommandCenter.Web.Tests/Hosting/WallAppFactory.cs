using CommandCenter.Core.EventLog;
using CommandCenter.Core.Projection;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Web.Tests.Hosting;

/// <summary>
/// The real app in embedded mode on a temp database file, simulator off. <see cref="FakeLog"/> swaps the log and
/// the snapshot source for in-memory ones where a test needs no database.
/// </summary>
public sealed class WallAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-web-").FullName;

    public bool FakeLog { get; init; }

    /// <summary>Settings applied after the defaults above (e.g. the simulator on for a populated wall).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    internal InMemoryEventLog MemoryLog { get; } = new();

    public string DatabasePath => Path.Combine(_dir, "commandcenter.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Database", $"Data Source={DatabasePath}");
        builder.UseSetting("EventLog:Provider", "Embedded");
        builder.UseSetting("Simulator:Enabled", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
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
