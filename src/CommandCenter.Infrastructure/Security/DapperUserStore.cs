using System.Globalization;
using CommandCenter.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// ASP.NET Core Identity's user store over the project's database (Dapper, portable SQL): accounts, password hashes,
/// roles, lockout counters and security stamps. Each call opens its own connection.
/// </summary>
public sealed class DapperUserStore(IDbConnectionFactory db, IdentityErrorDescriber? errors = null) :
    IUserPasswordStore<AppUser>, IUserRoleStore<AppUser>, IUserLockoutStore<AppUser>, IUserSecurityStampStore<AppUser>
{
    private const string Columns = """
        id AS Id, user_name AS UserName, normalized_user_name AS NormalizedUserName, display_name AS DisplayName,
        street AS Street, department AS Department, password_hash AS PasswordHash, security_stamp AS SecurityStamp,
        concurrency_stamp AS ConcurrencyStamp, lockout_enabled AS LockoutEnabled, lockout_end AS LockoutEnd,
        access_failed_count AS AccessFailedCount, created_at AS CreatedAt
        """;

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE normalized_user_name = @NormalizedUserName", new { user.NormalizedUserName }, cancellationToken: ct));
        if (exists > 0)
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateUserName", Description = $"user '{user.UserName}' already exists" });
        // Two instances (or cc and an instance) creating the same name at once: the second is told it exists, as above.
        var inserted = await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO users (id, user_name, normalized_user_name, display_name, street, department, password_hash, security_stamp,
                               concurrency_stamp, lockout_enabled, lockout_end, access_failed_count, created_at)
            VALUES (@Id, @UserName, @NormalizedUserName, @DisplayName, @Street, @Department, @PasswordHash, @SecurityStamp,
                    @ConcurrencyStamp, @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @CreatedAt)
            {db.Dialect.IgnoreConflict("normalized_user_name")}
            """, Row(user), cancellationToken: ct));
        if (inserted == 0)
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateUserName", Description = $"user '{user.UserName}' already exists" });
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var previousStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET user_name = @UserName, normalized_user_name = @NormalizedUserName, display_name = @DisplayName,
                street = @Street, department = @Department, password_hash = @PasswordHash, security_stamp = @SecurityStamp,
                concurrency_stamp = @ConcurrencyStamp, lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd,
                access_failed_count = @AccessFailedCount
            WHERE id = @Id AND concurrency_stamp = @PreviousStamp
            """, new DynamicParameters(Row(user)).With("PreviousStamp", previousStamp), cancellationToken: ct));
        if (updated == 1)
            return IdentityResult.Success;
        user.ConcurrencyStamp = previousStamp;
        // In the words of the app's describer, as the framework's own stores take it (the web app's speaks the page's language).
        return IdentityResult.Failed((errors ?? new IdentityErrorDescriber()).ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM user_roles WHERE user_id = @Id", new { user.Id }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken: ct));
        return IdentityResult.Success;
    }

    public Task<AppUser?> FindByIdAsync(string userId, CancellationToken ct) => FindAsync("id = @Value", userId, ct);

    public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        FindAsync("normalized_user_name = @Value", normalizedUserName, ct);

    /// <summary>Every account with its roles, by name: the admin page's list.</summary>
    public async Task<IReadOnlyList<(AppUser User, IReadOnlyList<string> Roles)>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var users = (await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users ORDER BY user_name", cancellationToken: ct))).Select(r => r.ToUser()).ToList();
        var roles = (await connection.QueryAsync<(string UserId, string Role)>(new CommandDefinition(
            "SELECT user_id AS UserId, role AS Role FROM user_roles ORDER BY role", cancellationToken: ct))).ToLookup(r => r.UserId, r => r.Role);
        return [.. users.Select(u => (u, (IReadOnlyList<string>)[.. roles[u.Id]]))];
    }

    private async Task<AppUser?> FindAsync(string where, string value, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE {where}", new { Value = value }, cancellationToken: ct));
        return row?.ToUser();
    }

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.Id);
    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken ct) => Set(() => user.UserName = userName ?? "");
    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken ct) => Set(() => user.NormalizedUserName = normalizedName ?? "");

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken ct) => Set(() => user.PasswordHash = passwordHash);
    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken ct) => Set(() => user.SecurityStamp = stamp);
    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) => Set(() => user.LockoutEnd = lockoutEnd);
    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken ct) => Set(() => user.AccessFailedCount = 0);
    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken ct) => Set(() => user.LockoutEnabled = enabled);

    // Roles are written at once (UserManager calls these and then UpdateAsync, which does not touch them).
    public async Task AddToRoleAsync(AppUser user, string roleName, CancellationToken ct)
    {
        var role = Roles.Normalize(roleName) ?? throw new InvalidOperationException($"unknown role '{roleName}' (roles: {string.Join(", ", Roles.All)})");
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO user_roles (user_id, role) VALUES (@Id, @Role) {db.Dialect.IgnoreConflict("user_id, role")}",
            new { user.Id, Role = role }, cancellationToken: ct));
    }

    public async Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM user_roles WHERE user_id = @Id AND role = @Role", new { user.Id, Role = Roles.Normalize(roleName) ?? roleName }, cancellationToken: ct));
    }

    public async Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT role FROM user_roles WHERE user_id = @Id ORDER BY role", new { user.Id }, cancellationToken: ct))];
    }

    public async Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken ct) =>
        (await GetRolesAsync(user, ct)).Contains(Roles.Normalize(roleName) ?? roleName);

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id IN (SELECT user_id FROM user_roles WHERE role = @Role)",
            new { Role = Roles.Normalize(roleName) ?? roleName }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToUser())];
    }

    public void Dispose()
    {
    }

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }

    private static object Row(AppUser u) => new
    {
        u.Id, u.UserName, u.NormalizedUserName, u.DisplayName, u.Street, u.Department, u.PasswordHash, u.SecurityStamp,
        u.ConcurrencyStamp, LockoutEnabled = u.LockoutEnabled ? 1 : 0, LockoutEnd = u.LockoutEnd?.ToString("O", CultureInfo.InvariantCulture),
        u.AccessFailedCount, CreatedAt = u.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string UserName { get; set; } = "";
        public string NormalizedUserName { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Street { get; set; }
        public string? Department { get; set; }
        public string? PasswordHash { get; set; }
        public string SecurityStamp { get; set; } = "";
        public string ConcurrencyStamp { get; set; } = "";
        public long LockoutEnabled { get; set; }
        public string? LockoutEnd { get; set; }
        public long AccessFailedCount { get; set; }
        public string CreatedAt { get; set; } = "";

        public AppUser ToUser() => new()
        {
            Id = Id, UserName = UserName, NormalizedUserName = NormalizedUserName, DisplayName = DisplayName, Street = Street,
            Department = Department, PasswordHash = PasswordHash, SecurityStamp = SecurityStamp, ConcurrencyStamp = ConcurrencyStamp,
            LockoutEnabled = LockoutEnabled != 0, AccessFailedCount = (int)AccessFailedCount,
            LockoutEnd = LockoutEnd is null ? null : DateTimeOffset.Parse(LockoutEnd, CultureInfo.InvariantCulture),
            CreatedAt = DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture),
        };
    }
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
