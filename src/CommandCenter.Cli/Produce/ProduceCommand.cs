using System.CommandLine;
using CommandCenter.Core.EventLog;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Produce;

/// <summary><c>cc produce</c>: appends generated district events, or events from a JSON-lines file, at a rate.</summary>
internal static class ProduceCommand
{
    public static Command Create()
    {
        var redis = new Option<string?>("--redis") { Description = "Redis address (host:port); sets EventLog:Provider=Redis and ConnectionStrings:Redis" };
        var stream = new Option<string?>("--stream") { Description = "stream key (default: EventLog:StreamKey, cc:events)" };
        var rate = new Option<double>("--rate") { Description = "events per second; 0 appends as fast as the log takes them", DefaultValueFactory = _ => 100 };
        var count = new Option<long>("--count") { Description = "how many events (generated mode; with --file, at most this many lines)", DefaultValueFactory = _ => 1000 };
        var file = new Option<FileInfo?>("--file") { Description = "a JSON-lines file of envelopes {id,type,occurredAt,source,street,v,data} to append instead of generated events" };
        var seed = new Option<int?>("--seed") { Description = "seed of the generator (default: random)" };
        var batch = new Option<int>("--batch") { Description = "entries per append", DefaultValueFactory = _ => 100 };
        var retry = new Option<bool>("--retry") { Description = "when the log refuses a batch, send the same batch again until it takes it (as a real producer does)" };

        var command = new Command("produce", "append district events to the event log") { redis, stream, rate, count, file, seed, batch, retry };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(redis) is { } address)
            {
                overrides["EventLog:Provider"] = "Redis";
                overrides["ConnectionStrings:Redis"] = address;
            }
            if (parse.GetValue(stream) is { } key)
                overrides["EventLog:StreamKey"] = key;

            var settings = new ProduceSettings(parse.GetValue(rate), parse.GetValue(count), parse.GetValue(batch));
            if (settings.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync($"cc produce: {problem}");
                return 2;
            }

            await using var services = await CliHost.BuildAsync(CliHost.Configuration(overrides), ct);
            var log = services.GetRequiredService<IEventLog>();
            IEventSource source = parse.GetValue(file) is { } lines
                ? new JsonLinesSource(lines.FullName)
                : new GeneratedSource(parse.GetValue(seed) ?? Random.Shared.Next(), TimeProvider.System);
            try
            {
                var result = await new Producer(log, TimeProvider.System, parse.GetValue(retry)).RunAsync(source, settings, ct);
                Console.WriteLine($"appended {result.Appended} events in {result.Elapsed.TotalSeconds:F1} s ({result.EventsPerSecond:F0}/s), {result.Retries} batches retried");
                return 0;
            }
            catch (InvalidDataException ex)
            {
                await Console.Error.WriteLineAsync($"cc produce: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
