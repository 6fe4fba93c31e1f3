using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Core.Deadlines;

/// <summary>
/// Ids for events derived from what happened rather than drawn at random (RFC 9562 version 8, SHA-256 of the name),
/// so every leader that notices the same miss or escalation names it the same way and a repeat is a duplicate.
/// </summary>
public static class NameBasedId
{
    public static Guid From(string name)
    {
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), bytes);
        var guid = bytes[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | 0x80);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
