using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CommandCenter.Web.Tests.Hosting;

/// <summary>The published app, run as operators run it, serves the top-level web root and the framework's assets.</summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task Publish_StartedAsAProcess_ServesAppCssAndBlazorScript()
    {
        var repo = Path.GetDirectoryName(WebRootLocator.FindUpwards(AppContext.BaseDirectory))!;
        var work = Directory.CreateTempSubdirectory("cc-publish-").FullName;
        var output = Path.Combine(work, "app");
        try
        {
            var publish = await RunToEndAsync("dotnet", ["publish", Path.Combine(repo, "src", "CommandCenter.Web"), "-c", "Release", "-o", output, "-p:UseAppHost=false", "--nologo"], repo);
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{publish.Output}");
            Assert.True(File.Exists(Path.Combine(output, "wwwroot", "css", "app.css")), "publish output lacks wwwroot/css/app.css");
            Assert.True(File.Exists(Path.Combine(output, "wwwroot", "favicon.svg")), "publish output lacks wwwroot/favicon.svg");

            using var app = StartApp(output, Path.Combine(work, "commandcenter.db"), out var banner);
            var wallUrl = await banner.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var baseUri = new Uri(new Uri(wallUrl), "/");
            using var client = new HttpClient { BaseAddress = baseUri };

            using var css = await client.GetAsync("/css/app.css");
            using var blazor = await client.GetAsync("/_framework/blazor.web.js");

            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(repo, "wwwroot", "css", "app.css")), await css.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
            Assert.Equal("127.0.0.1", baseUri.Host);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Starts the published app on a port the OS picks; completes <paramref name="wallUrl"/> with the URL it prints.</summary>
    private static RunningApp StartApp(string output, string databasePath, out TaskCompletionSource<string> wallUrl)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "CommandCenter.Web.dll", "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["AllowedHosts"] = "127.0.0.1";
        info.Environment["ConnectionStrings__Database"] = $"Data Source={databasePath}";
        info.Environment["Simulator__Enabled"] = "false";

        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (WallLine().Match(e.Data) is { Success: true } match) found.TrySetResult(match.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Exited += (_, _) => found.TrySetException(new InvalidOperationException($"the app exited early:\n{log}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        wallUrl = found;
        return new RunningApp(process);
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string file, string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"CommandCenter wall: (http://\S+/wall)")]
    private static partial Regex WallLine();

    private sealed class RunningApp(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            process.Dispose();
        }
    }
}
