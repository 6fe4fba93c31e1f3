using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Benchmarks;

/// <summary>The real app in Redis mode on Kestrel, as production runs it, on a stream of the benchmark's own.</summary>
internal sealed class BenchApp(string redisAddress, string stream, string databasePath) : WebApplicationFactory<Program>
{
    public string Address { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(Path.Combine(RepoRoot(), "src", "CommandCenter.Web"));
        builder.UseSetting("EventLog:Provider", "Redis");
        builder.UseSetting("ConnectionStrings:Redis", redisAddress);
        builder.UseSetting("EventLog:StreamKey", stream);
        builder.UseSetting("EventLog:DeadLetterKey", stream + ":dead");
        builder.UseSetting("ConnectionStrings:Database", $"Data Source={databasePath}");
        builder.UseSetting("DeadlineWatcher:Enabled", "false");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CommandCenter.sln not found above the benchmark");
    }

    public string Start()
    {
        UseKestrel(0);
        StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return Address;
    }
}
