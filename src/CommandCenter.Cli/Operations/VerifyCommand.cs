using System.CommandLine;
using CommandCenter.Infrastructure.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Operations;

/// <summary>
/// <c>cc verify</c>: the operator's consistency check and the fault suite's oracle. Re-reduces the database's event
/// history into a scratch database and compares; prints one line per check and every difference, and exits 0 when
/// clean, 1 when anything differs, 2 when it could not check.
/// </summary>
internal static class VerifyCommand
{
    private const int Listed = 50;

    public static Command Create()
    {
        var caughtUp = new Option<bool>("--require-caught-up") { Description = "also fail when log entries are not projected yet (for a quiet system, e.g. after a fault drill)" };
        var verify = new Command("verify", "re-reduce the stored history and compare it with the database and the log; exit 1 on any difference") { caughtUp };
        verify.SetAction(async (parse, ct) =>
        {
            try
            {
                await using var services = await CliHost.BuildAsync(CliHost.Configuration(), ct);
                var report = await services.GetRequiredService<LogVerifier>().VerifyAsync(requireCaughtUp: parse.GetValue(caughtUp), ct: ct);
                foreach (var check in report.Checks)
                    Console.WriteLine($"  {check}");
                foreach (var difference in report.Differences.Take(Listed))
                    Console.WriteLine($"  ✗ {difference}");
                if (report.Differences.Count > Listed)
                    Console.WriteLine($"  … and {report.Differences.Count - Listed:N0} more differences");
                Console.WriteLine(report.IsClean ? "cc verify: clean" : $"cc verify: {report.Differences.Count:N0} differences");
                return report.IsClean ? 0 : 1;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"cc verify: could not check: {ex.Message}");
                return 2;
            }
        });
        return verify;
    }
}
