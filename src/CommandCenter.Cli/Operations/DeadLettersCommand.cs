using System.CommandLine;
using CommandCenter.Infrastructure.DeadLetters;
using CommandCenter.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Operations;

/// <summary><c>cc deadletters list | show ID | resend ID [--again]</c>: work through what the pipeline set aside.</summary>
internal static class DeadLettersCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "how many to list (oldest first)", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "the dead letters with their reasons, oldest first") { count };
        list.SetAction(async (parse, ct) => await WithDeskAsync(ct, async desk =>
        {
            var all = await desk.ListAsync(parse.GetValue(count), ct);
            foreach (var d in all)
                Console.WriteLine($"{d.Id}\t{d.OriginalPosition}\t{d.Type ?? "?"}\t{d.Street ?? "?"}\t{d.Reason}{(d.ResentAs is null ? "" : $"\t(re-sent as {d.ResentAs} by {d.ResentBy})")}");
            Console.WriteLine($"{all.Count} dead letters");
            return 0;
        }));

        var id = new Argument<string>("id") { Description = "the dead letter's id (first column of list)" };
        var show = new Command("show", "one dead letter with all its fields") { id };
        show.SetAction(async (parse, ct) => await WithDeskAsync(ct, async desk =>
        {
            if (await desk.FindAsync(parse.GetValue(id)!, ct) is not { } dead)
            {
                await Console.Error.WriteLineAsync($"cc deadletters show: no dead letter '{parse.GetValue(id)}'");
                return 1;
            }
            foreach (var (name, value) in dead.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                Console.WriteLine($"{name}: {value}");
            if (dead.ResentAs is not null)
                Console.WriteLine($"re-sent as {dead.ResentAs} by {dead.ResentBy}");
            return 0;
        }));

        var again = new Option<bool>("--again") { Description = "send it once more although it was re-sent before" };
        var by = new Option<string>("--by") { Description = "who re-sends it (recorded)", DefaultValueFactory = _ => Environment.UserName };
        var resend = new Command("resend", "append the dead letter's envelope to the event log again, to go through the pipeline like any entry") { id, again, by };
        resend.SetAction(async (parse, ct) => await WithDeskAsync(ct, async desk =>
        {
            try
            {
                var position = await desk.ResendAsync(parse.GetValue(id)!, $"cli:{parse.GetValue(by)}", parse.GetValue(again), ct);
                Console.WriteLine($"re-sent as {position}");
                return 0;
            }
            catch (AdminRefusedException ex)
            {
                await Console.Error.WriteLineAsync($"cc deadletters resend: {ex.Message}");
                return 1;
            }
        }));

        return new Command("deadletters", "entries the pipeline set aside, with their reasons") { list, show, resend };
    }

    private static async Task<int> WithDeskAsync(CancellationToken ct, Func<DeadLetterDesk, Task<int>> run)
    {
        await using var services = await CliHost.BuildAsync(CliHost.Configuration(), ct);
        return await run(services.GetRequiredService<DeadLetterDesk>());
    }
}
