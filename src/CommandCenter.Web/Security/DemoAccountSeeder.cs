using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Security;

/// <summary>
/// Development only: one demo account per role, all with <see cref="Password"/> (listed in the README). Never
/// registered outside Development, so no default password works in Production; the first admin there is made
/// with <c>cc users create</c>.
/// </summary>
public sealed class DemoAccountSeeder(IServiceScopeFactory scopes, DatabaseReadiness readiness, ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public const string Password = "gulou-demo-2026";

    public static readonly IReadOnlyList<(string UserName, string Role, string? Street, string? Department, string DisplayName)> Accounts =
    [
        ("operator", Roles.Operator, null, null, "指挥中心值班员"),
        ("dispatcher", Roles.Dispatcher, null, null, "执法调度员"),
        ("director.ninghailu", Roles.StreetDirector, "ninghailu", null, "宁海路街道党工委书记"),
        ("leader.ninghailu", Roles.StreetLeader, "ninghailu", null, "宁海路街道班子成员"),
        ("director.huaqiaolu", Roles.StreetDirector, "huaqiaolu", null, "华侨路街道办事处主任"),
        ("liaison.chengguan", Roles.DepartmentLiaison, null, "chengguan", "区城管局联络员"),
        ("liaison.housing", Roles.DepartmentLiaison, null, "housing", "区住建局联络员"),
        ("district", Roles.DistrictLeader, null, null, "区领导"),
        ("admin", Roles.Admin, null, null, "系统管理员"),
    ];

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Seeds at start when the database is ready then (as it is but for a locked or missing one), else as soon as it is.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (readiness.IsReady)
        {
            await SeedAsync();
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await readiness.WaitAsync(_stopping.Token);
                await SeedAsync();
            }
            catch (OperationCanceledException) { }
            catch (Exception ex) { logger.LogError(ex, "Could not create the demo accounts"); }
        }, CancellationToken.None);
    }

    private async Task SeedAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role, street, department, display) in Accounts)
        {
            if (await users.FindByNameAsync(name) is not null)
                continue;
            var user = new AppUser { UserName = name, Street = street, Department = department, DisplayName = display };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded && await users.FindByNameAsync(name) is not null)
                continue; // another instance on the same database created it at the same moment
            if (!created.Succeeded)
                throw new InvalidOperationException($"demo account {name}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, role);
        }
        logger.LogWarning("Development: demo accounts ready ({Names}), password '{Password}'", string.Join(", ", Accounts.Select(a => a.UserName)), Password);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();
}
