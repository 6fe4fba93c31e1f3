using System.Collections.Immutable;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using CommandCenter.Core.State;

namespace CommandCenter.Infrastructure.Projection;

/// <summary>
/// The bytes of a stored state snapshot (table <c>state_snapshots</c>): the reducer's whole <see cref="DistrictState"/>
/// (entities in the entity tables' JSON shape, the idempotency window as base64 chunks of 16-byte ids, the applied
/// count, the daily rollups, the version of the rules) as gzip-compressed JSON. Pure: the same state always gives a state equal to it back.
/// </summary>
internal static class StateSnapshotCodec
{
    public static byte[] Encode(DistrictState state)
    {
        var body = new Body(
            [.. state.Incidents.Values], [.. state.Tickets.Values], [.. state.Whistles.Values], [.. state.Dispatches.Values],
            [.. state.Teams.Values],
            [.. state.Recent.Chunks().Select(chunk => Convert.ToBase64String(MemoryMarshal.AsBytes(chunk.ToArray().AsSpan())))],
            state.AppliedCount,
            state.Rollups,
            state.Rules);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, body, EntityJson.Options);
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a snapshot this build wrote.</exception>
    public static DistrictState Decode(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var body = JsonSerializer.Deserialize<Body>(gzip, EntityJson.Options) ?? throw new InvalidDataException("a state snapshot holds JSON null");
        return new DistrictState(
            body.Incidents.ToImmutableDictionary(i => i.Id),
            body.Tickets.ToImmutableDictionary(t => t.Id),
            body.Whistles.ToImmutableDictionary(w => w.Id),
            body.Dispatches.ToImmutableDictionary(d => d.Id),
            body.Teams.ToImmutableDictionary(t => t.Id),
            RecentIds.FromChunks(body.Recent.Select(chunk => (IReadOnlyCollection<Guid>)MemoryMarshal.Cast<byte, Guid>(Convert.FromBase64String(chunk)).ToArray())),
            body.AppliedCount,
            body.Rollups,
            // The open indexes are derived, not stored: the entities say which are open.
            [.. body.Incidents.Where(i => i.IsOpen).Select(i => i.Id)],
            [.. body.Tickets.Where(t => t.IsOpen).Select(t => t.Id)])
        {
            Rules = body.Rules,
        };
    }

    private sealed record Body(
        Incident[] Incidents, Ticket[] Tickets, Whistle[] Whistles, Dispatch[] Dispatches, TeamState[] Teams,
        string[] Recent, long AppliedCount, DistrictRollups Rollups, int Rules = 1);
}
