using System.Text;

namespace CommandCenter.Infrastructure.Redis;

/// <summary>
/// Redis Cluster's hash slot of a key: CRC16 (XMODEM) of the key, or of its hash tag (the part between the first
/// <c>{</c> and the next <c>}</c>, when not empty), modulo 16,384. Computed here because the client reports no slot
/// (-1) when it does not select servers by slot, as with a cluster of one node, which still refuses CROSSSLOT.
/// </summary>
public static class ClusterSlot
{
    public const int Count = 16_384;

    /// <summary>0–16,383.</summary>
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var span = bytes.AsSpan();
        var open = span.IndexOf((byte)'{');
        if (open >= 0)
        {
            var close = span[(open + 1)..].IndexOf((byte)'}');
            if (close > 0)
                span = span.Slice(open + 1, close);
        }
        return Crc16(span) % Count;
    }

    private static int Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var i = 0; i < 8; i++)
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return crc;
    }
}
