namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// A local account. Roles live in <c>user_roles</c>; <see cref="Street"/> binds the street-scoped roles,
/// <see cref="Department"/> binds a department liaison.
/// </summary>
public sealed class AppUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Street { get; set; }
    public string? Department { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
