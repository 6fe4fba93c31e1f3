using System.CommandLine;
using CommandCenter.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Security;

/// <summary><c>cc apikey create --source NAME</c> prints the new key as its last line (shown once); <c>revoke --id</c>.</summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "the producing system, as its envelopes name it in `source`: one configured in Security:ProducerFamilies (by default hotline-12345, grid-app, enforcement); never one of the app's own (console, simulator, deadline-watcher, projector, housekeeping)", Required = true };
        var create = new Command("create", "create a producer API key; the key is the last line printed") { source };
        create.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.BuildAsync(CliHost.Configuration(), ct, accounts: true);
            try
            {
                var (key, secret) = await services.GetRequiredService<ApiKeyStore>().CreateAsync(parse.GetValue(source)!, "cli", ct);
                var families = services.GetRequiredService<ProducerSystems>().FamiliesOf(key.Source).Order().Select(f => f + ".*");
                Console.WriteLine($"API key {key.Id} for source '{key.Source}', which may append {string.Join(", ", families)} (shown once; send it as the X-Api-Key header):");
                Console.WriteLine(secret);
                return 0;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"cc apikey create: {ex.Message}");
                return 2;
            }
        });

        var id = new Option<string>("--id") { Description = "the key's id (see the admin page)", Required = true };
        var revoke = new Command("revoke", "revoke a producer API key") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.BuildAsync(CliHost.Configuration(), ct, accounts: true);
            var done = await services.GetRequiredService<ApiKeyStore>().RevokeAsync(parse.GetValue(id)!, "cli", ct);
            Console.WriteLine(done ? "revoked" : "no live key with that id");
            return done ? 0 : 1;
        });
        return new Command("apikey", "producer API keys") { create, revoke };
    }
}
