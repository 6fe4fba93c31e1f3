using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>
/// A redis-server of the test's own (AOF on, its own directory), for tests that stop and restart Redis: the shared
/// test server must stay up for everyone else.
/// </summary>
internal sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts it; <paramref name="settings"/> are further redis-server options (e.g. <c>--aclfile</c>).</summary>
    public async Task StartAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dir, "--appendonly", "yes",
                     "--appendfsync", "always", "--save", "" }.Concat(settings))
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A crash, not a shutdown: what the app must survive.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
