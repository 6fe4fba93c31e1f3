using System.Security.Cryptography;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Account;

/// <summary>
/// A password hash made once with the app's own hasher (same algorithm, same iterations) for a password nobody knows:
/// a sign-in with a name no account has verifies against it, so it costs what a real account's does and its timing does
/// not tell which names exist.
/// </summary>
public sealed class UnknownAccountHash
{
    private readonly Lock _gate = new();
    private string? _hash;

    /// <summary>Runs the hasher's verification for <paramref name="password"/>; always false.</summary>
    public bool Verify(IPasswordHasher<AppUser> hasher, string password)
    {
        string hash;
        lock (_gate)
            hash = _hash ??= hasher.HashPassword(new AppUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        _ = hasher.VerifyHashedPassword(new AppUser(), hash, password);
        return false;
    }
}
