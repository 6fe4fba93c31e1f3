using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// Random bearer secrets (API keys, kiosk tokens) and their SHA-256 hashes. Only the hash is stored: the secret is
/// shown once. A plain hash is enough because the secret is 256 random bits, not a password someone chose.
/// </summary>
public static class Secrets
{
    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
