using System.CommandLine;
using CommandCenter.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Security;

/// <summary>
/// <c>cc kiosk create --name NAME --views LIST</c> prints the screen's URL (with its one-time token) as its last line.
/// The address comes from --base-url, else Security:PublicUrl; the path is the web app's own for that view (KioskViews).
/// </summary>
internal static class KioskCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "the screen's name, e.g. 指挥大厅主屏", Required = true };
        var views = new Option<string>("--views") { Description = "comma-separated views the screen may show: wall, structure, street:{code}, or a kiosk screen's name (whose playlist items must be among the views too)", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "the address screens open (default: Security:PublicUrl, else http://127.0.0.1:5080, where the first README command serves)" };
        var create = new Command("create", "create a read-only kiosk token; the screen's URL is the last line printed") { name, views, baseUrl };
        create.SetAction(async (parse, ct) =>
        {
            var configuration = CliHost.Configuration();
            await using var services = await CliHost.BuildAsync(configuration, ct, accounts: true);
            try
            {
                var (token, secret) = await services.GetRequiredService<KioskTokenStore>().CreateAsync(
                    parse.GetValue(name)!, parse.GetValue(views)!.Split(','), "cli", ct);
                var address = parse.GetValue(baseUrl) ?? configuration["Security:PublicUrl"] ?? "http://127.0.0.1:5080";
                Console.WriteLine($"kiosk token {token.Id} for '{token.Name}' ({string.Join(", ", token.Views)}); open this URL once on the screen:");
                Console.WriteLine(KioskViews.UrlFor(address, token, secret));
                return 0;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"cc kiosk create: {ex.Message}");
                return 2;
            }
        });
        return new Command("kiosk", "kiosk device tokens for wall screens") { create };
    }
}
