using System.Diagnostics;

namespace CommandCenter.Web.Tests.Redis;

/// <summary>redis-cli, as an upstream team would use it: the tests append with it rather than through the app.</summary>
internal static class RedisCli
{
    /// <summary><c>redis-cli -h H -p P XADD stream * field value …</c>; returns the new entry's id.</summary>
    public static async Task<string> XAddAsync(string address, string stream, IReadOnlyDictionary<string, string> fields)
    {
        var (host, port) = Split(address);
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", host, "-p", port, "XADD", stream, "*" }) start.ArgumentList.Add(arg);
        foreach (var (name, value) in fields)
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || output.StartsWith("ERR", StringComparison.Ordinal))
            throw new InvalidOperationException($"redis-cli XADD failed: {output}{error}");
        return output.Trim();
    }

    public static (string Host, string Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], address[(colon + 1)..]);
    }
}
