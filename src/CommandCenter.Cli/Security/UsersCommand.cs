using System.CommandLine;
using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Cli.Security;

/// <summary>
/// <c>cc users create</c>: makes an account in the configured database; in Production this is how the first admin
/// is made (no default password exists there). The password comes from --password or, better, standard input.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var username = new Option<string>("--username") { Description = "the sign-in name", Required = true };
        var password = new Option<string?>("--password") { Description = "the password (at least 12 characters); omit to read it from standard input" };
        var role = new Option<string>("--role") { Description = $"one of {string.Join(", ", Roles.All)}", Required = true };
        var street = new Option<string?>("--street") { Description = "street code, for StreetLeader and StreetDirector (e.g. ninghailu)" };
        var department = new Option<string?>("--department") { Description = "department code, for DepartmentLiaison (e.g. chengguan)" };
        var displayName = new Option<string?>("--display-name") { Description = "the person's name as shown" };

        var create = new Command("create", "create an account (the first admin in Production: --role Admin)") { username, password, role, street, department, displayName };
        create.SetAction(async (parse, ct) =>
        {
            var roleName = Roles.Normalize(parse.GetValue(role) ?? "");
            var streetCode = parse.GetValue(street);
            var departmentCode = parse.GetValue(department);
            if (AccountRules.Problem(roleName, streetCode, departmentCode, DistrictModel.Gulou) is { } problem)
            {
                await Console.Error.WriteLineAsync($"cc users create: {problem}");
                return 2;
            }
            var secret = parse.GetValue(password) ?? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(secret))
            {
                await Console.Error.WriteLineAsync("cc users create: no password given (--password or standard input)");
                return 2;
            }

            await using var services = await CliHost.BuildAsync(CliHost.Configuration(), ct, accounts: true);
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = parse.GetValue(username)!.Trim(), Street = streetCode, Department = departmentCode, DisplayName = parse.GetValue(displayName) };
            var result = await users.CreateAsync(user, secret);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"cc users create: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                return 1;
            }
            await users.AddToRoleAsync(user, roleName!);
            await scope.ServiceProvider.GetRequiredService<SecurityAudit>().RecordAsync(SecurityAudit.UserCreated, "cli", user.UserName, $"{roleName} {streetCode}{departmentCode}", null, ct);
            Console.WriteLine($"created {user.UserName} ({roleName}{(streetCode ?? departmentCode) switch { null => "", var s => ", " + s }})");
            return 0;
        });
        return new Command("users", "local accounts") { create };
    }
}
