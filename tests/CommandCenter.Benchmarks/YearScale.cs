using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>
/// `tests/bench.sh year`: what a year of history costs against a week, in the same run on the same machine (issue 11,
/// deliverable 7). For each span the generator writes the history (`cc simulate`, thinned by one factor for both) into a
/// stream of its own, the app (a separate process: Redis mode, SQLite, the published build) projects it, and then:
/// restart to a live wall (process start → a new event shown in the wall's ticker), RSS idle, the CPU of the wall feed
/// at 5 events/s with one wall open, RSS with 50 wall circuits open and the memory each adds, the time to replay random
/// past minutes (`/wall?at=`), and the database's size.
/// </summary>
internal static partial class YearScale
{
    private const int Circuits = 50;
    private const int WarmCircuits = 10;
    private static string LogDirectory = Path.GetTempPath();
    private const int FeedRate = 5;

    /// <summary>Replays timed per span: fifteen, so the median of a span is not one lucky or unlucky minute (a replay
    /// costs the rows between its minute and the snapshot before it, anything from none to a day of them).</summary>
    private const int Replays = 15;
    private static readonly TimeSpan FeedWindow = TimeSpan.FromSeconds(60);

    public sealed record Figures(string Span, long Events, double LoadSeconds, double RestartSeconds, double RssIdleMb, double RssCircuitsMb,
        double KbPerCircuit, double HeapMb, double HeapKbPerCircuit, double WallCpuPercent, double ReplayMedianSeconds, double ReplayMaxSeconds, double DatabaseMb,
        string Verify, double VerifySeconds);

    public static async Task<int> RunAsync(string[] args)
    {
        var redisAddress = Environment.GetEnvironmentVariable("CC_BENCH_REDIS") ?? throw new InvalidOperationException("CC_BENCH_REDIS is not set");
        var app = Environment.GetEnvironmentVariable("CC_BENCH_APP") ?? throw new InvalidOperationException("CC_BENCH_APP is not set (bench.sh publishes the app)");
        var cli = Environment.GetEnvironmentVariable("CC_BENCH_CLI") ?? throw new InvalidOperationException("CC_BENCH_CLI is not set");
        var chromium = Environment.GetEnvironmentVariable("CC_CHROMIUM") ?? "/usr/bin/chromium";
        var scale = args.Select(a => double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0).FirstOrDefault(s => s is > 0 and <= 1);
        if (scale == 0) scale = 0.35; // a year of about a million events (docs/simulation.md: 2.9 million at full volume)
        var work = Directory.CreateTempSubdirectory("cc-year").FullName;
        LogDirectory = work;
        Console.WriteLine($"work directory (databases, app logs): {work}");
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });

        var end = DateTimeOffset.UtcNow;
        var week = await MeasureAsync("week", 7, scale, end, redisAddress, redis, app, cli, browser, work);
        var year = await MeasureAsync("year", 365, scale, end, redisAddress, redis, app, cli, browser, work);

        var result = new Dictionary<string, object>
        {
            ["scale"] = scale,
            ["week"] = week,
            ["year"] = year,
            ["cpu_ratio"] = Math.Round(year.WallCpuPercent / Math.Max(week.WallCpuPercent, 0.01), 2),
            ["replay_ratio"] = Math.Round(year.ReplayMedianSeconds / Math.Max(week.ReplayMedianSeconds, 0.001), 2),
        };
        if (Environment.GetEnvironmentVariable("CC_BENCH_YEAR_DOCS") is { Length: > 0 } docs)
            await ReportFile.WriteKeepingNotesAsync(docs, Report(scale, week, year), NotesMarker);
        Directory.Delete(work, recursive: true);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<Figures> MeasureAsync(string span, int days, double scale, DateTimeOffset end, string redisAddress,
        IConnectionMultiplexer redis, string app, string cli, IBrowser browser, string work)
    {
        var stream = $"bench:year:{span}:{Guid.NewGuid():N}";
        var database = Path.Combine(work, $"{span}.db");
        var env = new Dictionary<string, string>
        {
            ["EventLog__Provider"] = "Redis", ["ConnectionStrings__Redis"] = redisAddress, ["EventLog__StreamKey"] = stream,
            ["EventLog__DeadLetterKey"] = stream + ":dead", ["ConnectionStrings__Database"] = $"Data Source={database}",
            ["Simulator__Enabled"] = "false", ["LogTrim__Enabled"] = "false", ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Console.WriteLine($"[{span}] generating {days} days at scale {scale} into {stream} …");
        var generated = Run(cli, $"simulate --days {days} --scale {scale.ToString(CultureInfo.InvariantCulture)} --end {end:yyyy-MM-ddTHH:mm:ssZ} --seed 2026", env);
        var events = long.Parse(WroteCount().Match(generated).Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        Console.WriteLine($"[{span}] {generated.Trim()}");

        var port = FreePort();
        var clock = Stopwatch.StartNew();
        var process = StartApp(app, port, env);
        try
        {
            return await MeasureRunningAsync(span, days, end, events, env, port, clock, () => process, p => process = p, redis, stream, database, app, cli, browser);
        }
        finally
        {
            if (!process.HasExited) await StopAsync(process);
        }
    }

    private static async Task<Figures> MeasureRunningAsync(string span, int days, DateTimeOffset end, long events, Dictionary<string, string> env,
        int port, Stopwatch clock, Func<Process> current, Action<Process> replace, IConnectionMultiplexer redis, string stream, string database,
        string app, string cli, IBrowser browser)
    {
        var process = current();
        await WaitAsync(() => CaughtUpAsync(redis, stream, database), TimeSpan.FromMinutes(30), $"[{span}] the app projects the history");
        var load = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"[{span}] projected {events:N0} events in {load:F0} s");
        var kiosk = Run(cli, "kiosk create --name 基准测试大屏 --views wall --base-url http://127.0.0.1:" + port, env).Trim().Split('\n')[^1].Trim();

        await StopAsync(process);
        clock.Restart();
        process = StartApp(app, port, env);
        replace(process);
        var marker = await AppendTicketAsync(redis, stream);
        await WaitAsync(async () => (await WallHtmlAsync(kiosk, port)).Contains(marker, StringComparison.Ordinal), TimeSpan.FromMinutes(5), $"[{span}] the restarted wall shows a new event");
        var restart = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var rssIdle = RssMb(process.Id);

        // One wall open; events at 5/s for a minute: what the wall's feed costs the server.
        var context = await browser.NewContextAsync();
        var first = await context.NewPageAsync();
        var console = new List<string>();
        first.Console += (_, message) => { if (message.Type is "error" or "warning") lock (console) console.Add(message.Text); };
        await first.GotoAsync(kiosk);
        try
        {
            await first.WaitForSelectorAsync(".wall[data-circuit='connected']", new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            await first.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "cc-year-wall.png") });
            Console.Error.WriteLine($"the wall did not connect; page at {first.Url}; screenshot in /tmp/cc-year-wall.png; browser console: {string.Join(" | ", console)}");
            throw;
        }
        var producer = StartProcess(cli, $"produce --rate {FeedRate} --count {(int)(FeedRate * FeedWindow.TotalSeconds)} --batch 1", env);
        var cpuBefore = CpuSeconds(process.Id);
        var cpuClock = Stopwatch.StartNew();
        await producer.WaitForExitAsync();
        var cpu = (CpuSeconds(process.Id) - cpuBefore) / cpuClock.Elapsed.TotalSeconds * 100;

        // Then 50 walls in all. The heap each adds is read between the 10th and the 50th: what the first few circuits
        // allocate once (pools, caches the runtime and Blazor fill on first use) is not a cost of each circuit.
        var rssOne = RssMb(process.Id);
        var pages = new List<IPage> { first };
        async Task OpenWallsAsync(int upTo)
        {
            while (pages.Count < upTo)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync($"http://127.0.0.1:{port}/wall?kiosk=1"); // the context holds the kiosk cookie already
                pages.Add(page);
            }
            foreach (var page in pages)
                await page.WaitForSelectorAsync(".wall[data-circuit='connected']", new() { Timeout = 120_000 });
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        await OpenWallsAsync(WarmCircuits);
        var heapWarm = await ManagedHeap.LiveBytesAsync(process.Id, port);
        await OpenWallsAsync(Circuits);
        var rssCircuits = RssMb(process.Id);
        var perCircuit = (rssCircuits - rssOne) * 1024 / (Circuits - 1);
        var heapCircuits = await ManagedHeap.LiveBytesAsync(process.Id, port);
        var heapPerCircuit = (heapCircuits - heapWarm) / 1024.0 / (Circuits - WarmCircuits);
        await context.CloseAsync();

        // Replays of random past minutes, each from a cold start (a new circuit).
        var replays = new List<double>();
        var random = new Random(7);
        var operatorContext = await browser.NewContextAsync();
        var signed = await operatorContext.NewPageAsync();
        await SignInAsync(signed, port);
        for (var i = 0; i < Replays; i++)
        {
            var at = end.AddMinutes(-random.Next(60, days * 24 * 60 - 60)).ToOffset(TimeSpan.FromHours(8));
            var replay = Stopwatch.StartNew();
            await signed.GotoAsync($"http://127.0.0.1:{port}/wall?at={at:yyyy-MM-ddTHH:mm}", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });
            replays.Add(replay.Elapsed.TotalSeconds);
        }
        await operatorContext.CloseAsync();
        await StopAsync(process);

        // The promise over the whole span, with the app stopped: the database and the log equal the reducer over the history.
        var verifyClock = Stopwatch.StartNew();
        var verify = Verify(cli, env);
        var verifySeconds = verifyClock.Elapsed.TotalSeconds;
        Console.WriteLine($"[{span}] cc verify: {verify} in {verifySeconds:F0} s");

        var size = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0;
        replays.Sort();
        var figures = new Figures(span, events, Math.Round(load, 1), Math.Round(restart, 2), Math.Round(rssIdle), Math.Round(rssCircuits),
            Math.Round(perCircuit), Math.Round(heapCircuits / 1048576.0), Math.Round(heapPerCircuit), Math.Round(cpu, 1), Math.Round(replays[replays.Count / 2], 2), Math.Round(replays[^1], 2), Math.Round(size),
            verify, Math.Round(verifySeconds));
        Console.WriteLine($"[{span}] {JsonSerializer.Serialize(figures)}");
        return figures;
    }

    private static async Task<bool> CaughtUpAsync(IConnectionMultiplexer redis, string stream, string database)
    {
        var last = await redis.GetDatabase().StreamRangeAsync(stream, "-", "+", 1, Order.Descending);
        if (last.Length == 0 || !File.Exists(database)) return false;
        try
        {
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT position FROM checkpoints WHERE name = 'projector'";
            return (await command.ExecuteScalarAsync()) as string == last[0].Id.ToString();
        }
        catch (SqliteException)
        {
            return false; // not migrated yet
        }
    }

    private static async Task<string> AppendTicketAsync(IConnectionMultiplexer redis, string stream)
    {
        var fields = Core.Events.EnvelopeWriter.ToFields(new Core.Events.TicketReceived(Guid.NewGuid(), "12345", "基准测试", "重启后的第一件工单",
            "138****0000", DateTimeOffset.UtcNow.AddDays(3)), "ninghailu", "hotline-12345", DateTimeOffset.UtcNow);
        await redis.GetDatabase().StreamAddAsync(stream, [.. fields.Select(f => new NameValueEntry(f.Key, f.Value))]);
        return fields[Core.Events.EnvelopeFields.Id];
    }

    private static async Task<string> WallHtmlAsync(string kioskUrl, int port)
    {
        try
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            return await client.GetStringAsync(kioskUrl); // opens the token, then the wall prerenders from the live state
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return "";
        }
    }

    private static async Task SignInAsync(IPage page, int port)
    {
        await page.GotoAsync($"http://127.0.0.1:{port}/signin");
        await page.FillAsync("input[name='username']", "operator");
        await page.FillAsync("input[name='password']", "gulou-demo-2026");
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 60_000 });
    }

    /// <summary>The published app, its content root its own folder (where the static assets' manifest points), as systemd runs it.</summary>
    private static Process StartApp(string app, int port, IReadOnlyDictionary<string, string> env) =>
        StartProcess(app, $"--urls http://127.0.0.1:{port} --contentRoot {Path.GetDirectoryName(app)}", env);

    private static Process StartProcess(string dll, string arguments, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo("dotnet", $"{dll} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in env) start.Environment[key] = value;
        var process = Process.Start(start)!;
        // The app's log goes to a file beside the databases (kept when the run fails), its failures to the console too.
        var log = TextWriter.Synchronized(File.AppendText(Path.Combine(LogDirectory, Path.GetFileNameWithoutExtension(dll) + ".log")));
        void Write(string? line)
        {
            if (line is not { Length: > 0 }) return;
            log.WriteLine(line);
            log.Flush();
            if (line.StartsWith("fail", StringComparison.Ordinal) || line.StartsWith("crit", StringComparison.Ordinal)) Console.Error.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Run(string dll, string arguments, IReadOnlyDictionary<string, string> env)
    {
        var (exitCode, output, errors) = RunToEnd(dll, arguments, env);
        if (exitCode != 0) throw new InvalidOperationException($"cc {arguments} failed ({exitCode}): {errors}{output}");
        return output;
    }

    private static (int ExitCode, string Output, string Errors) RunToEnd(string dll, string arguments, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo("dotnet", $"{dll} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in env) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(); // both pipes drained at once: a full one would stall the other
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }

    /// <summary>`cc verify`'s verdict: "clean", or its count of differences (exit 1) with the first of them.</summary>
    private static string Verify(string cli, IReadOnlyDictionary<string, string> env)
    {
        var (exitCode, output, errors) = RunToEnd(cli, "verify", env);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verdict = lines.LastOrDefault(l => l.StartsWith("cc verify:", StringComparison.Ordinal))?["cc verify:".Length..].Trim();
        if (exitCode == 0 && verdict == "clean") return "clean";
        var first = lines.FirstOrDefault(l => l.Contains("differ", StringComparison.OrdinalIgnoreCase) || l.Contains("lost", StringComparison.OrdinalIgnoreCase));
        return $"{verdict ?? "could not check"} (exit {exitCode}){(first is null ? "" : ": " + first)} {errors.Trim()}".Trim();
    }

    private static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }

    private static double RssMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();

    /// <summary>User plus system CPU time of a process, in seconds (/proc/pid/stat, clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"wrote ([\d,]+) events")]
    private static partial Regex WroteCount();

    /// <summary>Notes written by hand below this line of the report survive the next run (earlier runs, the full-volume year).</summary>
    private const string NotesMarker = "<!-- Notes below this line are kept by tests/bench.sh year. -->";

    private static string Report(double scale, Figures week, Figures year)
    {
        string Row(string measure, Func<Figures, string> value, string target) => $"| {measure} | {value(week)} | {value(year)} | {target} |";
        var text = new StringBuilder();
        text.AppendLine("# Scale benchmark: a week against a year");
        text.AppendLine();
        text.AppendLine("Written by `tests/bench.sh year` (tests/CommandCenter.Benchmarks, `YearScale`), which starts its own redis-server and");
        text.AppendLine("runs the published app as a separate process (Redis mode, SQLite). Both spans in one run on one machine, generated by");
        text.AppendLine($"`cc simulate` at {scale.ToString(CultureInfo.InvariantCulture)} of the realistic volume (docs/simulation.md), ending now.");
        text.AppendLine();
        text.AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {ReportFile.Machine()}; .NET {Environment.Version}");
        // Other work on the machine slows restarts and replays most: say how busy it was.
        text.AppendLine($"- Load average (1, 5, 15 min) at the end of the run: {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        text.AppendLine();
        text.AppendLine("| measure | one week | one year | target (year) |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(Row("events in the history", f => f.Events.ToString("N0", CultureInfo.InvariantCulture), ""));
        text.AppendLine(Row("projecting it on first start (s)", f => f.LoadSeconds.ToString("F0", CultureInfo.InvariantCulture), ""));
        text.AppendLine(Row("restart to a live wall (s)", f => f.RestartSeconds.ToString("F1", CultureInfo.InvariantCulture), "≤ 5"));
        text.AppendLine(Row("RSS idle after the restart (MB)", f => f.RssIdleMb.ToString("F0", CultureInfo.InvariantCulture), ""));
        text.AppendLine(Row($"RSS with {Circuits} wall circuits (MB)", f => f.RssCircuitsMb.ToString("F0", CultureInfo.InvariantCulture), "≤ 600"));
        text.AppendLine(Row("memory each wall circuit adds, RSS (KB)", f => f.KbPerCircuit.ToString("F0", CultureInfo.InvariantCulture), ""));
        text.AppendLine(Row($"managed heap after a full collection, {Circuits} circuits (MB)", f => f.HeapMb.ToString("F0", CultureInfo.InvariantCulture), ""));
        text.AppendLine(Row("memory each wall circuit adds, live managed heap (KB)", f => f.HeapKbPerCircuit.ToString("F0", CultureInfo.InvariantCulture), "≤ 500"));
        text.AppendLine(Row($"CPU of the wall feed at {FeedRate} events/s, one wall open (% of a core)", f => f.WallCpuPercent.ToString("F1", CultureInfo.InvariantCulture), "≤ 1.5 × week"));
        text.AppendLine(Row("replay of a random past minute, median / max (s)", f => $"{f.ReplayMedianSeconds:F2} / {f.ReplayMaxSeconds:F2}", "≤ 2, ≤ 1.5 × week"));
        text.AppendLine(Row("database size (MB)", f => f.DatabaseMb.ToString("F0", CultureInfo.InvariantCulture), ""));
        text.AppendLine(Row("`cc verify` over the whole history, app stopped (verdict, s)", f => $"{f.Verify}, {f.VerifySeconds:F0}", "clean"));
        text.AppendLine();
        text.AppendLine("How: restart is from process start to a ticket appended after the restart appearing in the wall's ticker (prerendered");
        text.AppendLine("from the live state, through a kiosk token); RSS is VmRSS of the app process; the CPU is the app process's user+system");
        text.AppendLine($"time over a minute of events at {FeedRate}/s with one wall circuit open; a replay is the time to load `/wall?at=` for a");
        text.AppendLine("random minute of the span in a signed-in browser (a new circuit each time); the database is the SQLite file and its WAL.");
        text.AppendLine("The live managed heap is read after a full collection induced through the runtime's diagnostics port (as dotnet-gcdump");
        text.AppendLine("does), from the app's own /metrics, with 10 and with 50 walls open: each circuit's share is the difference over the 40");
        text.AppendLine("circuits between (what the first few allocate once is not counted). RSS also holds the server collector's unreturned");
        text.AppendLine("slack, so per circuit it overstates.");
        return text.ToString();
    }
}
