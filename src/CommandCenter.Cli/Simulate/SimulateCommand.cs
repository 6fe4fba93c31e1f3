using System.CommandLine;
using System.Diagnostics;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation.History;
using CommandCenter.Infrastructure.Deadlines;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Simulate;

/// <summary>
/// <c>cc simulate</c>: writes N days of generated Gulou history (docs/simulation.md) to the configured event log, in
/// large batches as fast as it takes them, or to a JSON-lines file that <c>cc produce --file</c> reads. A log must be
/// fresh (never written to) unless <c>--append</c> says otherwise: generated teams and deadlines would collide with work
/// already in it.
/// </summary>
internal static class SimulateCommand
{
    private const long ProgressEvery = 500_000;

    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "days of history, ending at --end", DefaultValueFactory = _ => 7 };
        var to = new Option<FileInfo?>("--to") { Description = "a JSON-lines file to write instead of the log (one envelope a line, as cc produce --file reads)" };
        var seed = new Option<int?>("--seed") { Description = "seed of the generator (default: random, printed)" };
        var end = new Option<string?>("--end") { Description = "end of the history, ISO 8601 (default: now; without an offset, China time)" };
        var redis = new Option<string?>("--redis") { Description = "Redis address (host:port); sets EventLog:Provider=Redis and ConnectionStrings:Redis" };
        var stream = new Option<string?>("--stream") { Description = "stream key (default: EventLog:StreamKey, cc:events)" };
        var batch = new Option<int>("--batch") { Description = "entries per append", DefaultValueFactory = _ => 5_000 };
        var append = new Option<bool>("--append") { Description = "append even though the log already holds entries" };
        var scale = new Option<double>("--scale") { Description = "arrival volumes times this (0 to 1): a thinned history with the same rhythms and shares", DefaultValueFactory = _ => 1.0 };

        var command = new Command("simulate", "write days of generated district history to the event log or a JSON-lines file")
            { days, to, seed, end, redis, stream, batch, append, scale };
        command.SetAction(async (parse, ct) =>
        {
            var endAt = DateTimeOffset.UtcNow;
            if (parse.GetValue(end) is { } endText)
            {
                if (SimulateSettings.ParseEnd(endText) is not { } parsed)
                {
                    await Console.Error.WriteLineAsync($"cc simulate: --end '{endText}' is not an ISO 8601 time");
                    return 2;
                }
                endAt = parsed;
            }
            var settings = new SimulateSettings(parse.GetValue(days), endAt, parse.GetValue(seed) ?? Random.Shared.Next(), parse.GetValue(batch));
            if (settings.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync($"cc simulate: {problem}");
                return 2;
            }

            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(redis) is { } address)
            {
                overrides["EventLog:Provider"] = "Redis";
                overrides["ConnectionStrings:Redis"] = address;
            }
            if (parse.GetValue(stream) is { } key)
                overrides["EventLog:StreamKey"] = key;
            var configuration = CliHost.Configuration(overrides);
            var whistles = configuration.GetSection(WhistleOptions.Section).Get<WhistleOptions>() ?? new WhistleOptions();
            if (parse.GetValue(scale) is var factor and (<= 0 or > 1))
            {
                await Console.Error.WriteLineAsync($"cc simulate: --scale must be above 0 and at most 1, not {factor}");
                return 2;
            }
            var history = GeneratedHistory.SettingsFor(whistles);
            history = history with { Volumes = history.Volumes.Scaled(parse.GetValue(scale)) };
            var generator = new HistoryGenerator(DistrictModel.Gulou, history);
            var entries = generator.Generate(settings.Start, settings.End, settings.Seed);
            var span = $"{settings.Days} days to {settings.End:yyyy-MM-dd'T'HH:mm:sszzz}, seed {settings.Seed}";

            try
            {
                return parse.GetValue(to) is { } file
                    ? await ToFileAsync(entries, file, span, ct)
                    : await ToLogAsync(entries, configuration, settings, parse.GetValue(append), span, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cc simulate: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> ToFileAsync(IEnumerable<Dictionary<string, string>> entries, FileInfo file, string span, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        long count = 0;
        await using (var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new JsonLinesWriter(stream))
        {
            foreach (var entry in entries)
            {
                ct.ThrowIfCancellationRequested();
                writer.Write(entry);
                if (++count % ProgressEvery == 0)
                    Console.Error.WriteLine($"  … {count:N0} events");
            }
        }
        Report(count, clock.Elapsed, span, file.FullName);
        return 0;
    }

    private static async Task<int> ToLogAsync(IEnumerable<Dictionary<string, string>> entries, IConfiguration configuration,
        SimulateSettings settings, bool append, string span, CancellationToken ct)
    {
        await using var services = await CliHost.BuildAsync(configuration, ct);
        var log = services.GetRequiredService<IEventLog>();
        var embedded = log is not (RedisEventLog or Infrastructure.EventLog.StreetRoutedEventLog);
        // The embedded log's database is migrated by CliHost, so whether anything was ever projected can be asked.
        var store = embedded ? services.GetRequiredService<ProjectionStore>() : null;
        if (!append && !await GeneratedHistory.IsFreshAsync(log, store, ct))
        {
            await Console.Error.WriteLineAsync(
                "cc simulate: the log is not fresh (it holds entries, or its database was projected into): a generated history " +
                "must start an empty log, or its teams and deadlines collide with the work already there. " +
                "Use --to FILE, another --stream, a new database, or --append to append anyway.");
            return 1;
        }

        var progress = new EveryHalfMillion();
        var result = await GeneratedHistory.AppendAsync(log, entries, settings.BatchSize, ct, progress);
        Report(result.Count, result.Elapsed, span, embedded ? "the embedded log" : log is RedisEventLog ? "the Redis stream" : "the streets' Redis streams");
        return 0;
    }

    private static void Report(long count, TimeSpan elapsed, string span, string where) =>
        Console.WriteLine($"wrote {count:N0} events ({span}) to {where} in {elapsed.TotalSeconds:F1} s " +
            $"({(elapsed > TimeSpan.Zero ? count / elapsed.TotalSeconds : count):N0} events/s)");

    /// <summary>A progress line now and then, on the appending thread (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class EveryHalfMillion : IProgress<long>
    {
        private long _reported;

        public void Report(long value)
        {
            if (value - _reported < ProgressEvery) return;
            _reported = value;
            Console.Error.WriteLine($"  … {value:N0} events");
        }
    }
}
