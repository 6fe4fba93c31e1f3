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
/// A replay snapshot (<c>holdsWindow: false</c>) leaves the window out: a replay takes duplicate decisions from the
/// history's stored outcomes instead (docs/decisions/0017), and the window is most of a full snapshot's bytes (about
/// 6 MB of its 262,144 random ids, which gzip barely shrinks).
/// </summary>
internal static class StateSnapshotCodec
{
    public static byte[] Encode(DistrictState state, bool holdsWindow = true)
    {
        var body = new Body(
            [.. state.Incidents.Values], [.. state.Tickets.Values], [.. state.Whistles.Values], [.. state.Dispatches.Values],
            [.. state.Teams.Values],
            holdsWindow ? [.. state.Recent.Chunks().Select(chunk => Convert.ToBase64String(MemoryMarshal.AsBytes(chunk.ToArray().AsSpan())))] : [],
            state.AppliedCount,
            state.Rollups,
            state.Rules,
            holdsWindow);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, body, EntityJson.Options);
        return buffer.ToArray();
    }

    /// <summary>The whole state, window included: what a projector or a live state starts from.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a snapshot this build wrote, or a replay snapshot without the window.</exception>
    public static DistrictState Decode(byte[] bytes)
    {
        var body = Read<Body>(bytes);
        if (!body.HoldsWindow)
            throw new InvalidDataException("a replay snapshot has no idempotency window: a projector cannot start from it");
        return StateOf(body, RecentIds.FromChunks(body.Recent.Select(chunk => (IReadOnlyCollection<Guid>)MemoryMarshal.Cast<byte, Guid>(Convert.FromBase64String(chunk)).ToArray())));
    }

    /// <summary>
    /// The state without its idempotency window (empty), from a full or a replay snapshot: what a replay of a past
    /// moment starts from. The window's bytes are skipped unread.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a snapshot this build wrote.</exception>
    public static DistrictState DecodeWithoutWindow(byte[] bytes) => StateOf(Read<ReplayBody>(bytes), RecentIds.Empty);

    private static T Read<T>(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, EntityJson.Options) ?? throw new InvalidDataException("a state snapshot holds JSON null");
    }

    private static DistrictState StateOf(IStateParts body, RecentIds recent) =>
        new DistrictState(
            body.Incidents.ToImmutableDictionary(i => i.Id),
            body.Tickets.ToImmutableDictionary(t => t.Id),
            body.Whistles.ToImmutableDictionary(w => w.Id),
            body.Dispatches.ToImmutableDictionary(d => d.Id),
            body.Teams.ToImmutableDictionary(t => t.Id),
            recent,
            body.AppliedCount,
            body.Rollups,
            // The open indexes are derived, not stored: the entities say which are open.
            [.. body.Incidents.Where(i => i.IsOpen).Select(i => i.Id)],
            [.. body.Tickets.Where(t => t.IsOpen).Select(t => t.Id)])
        {
            Rules = body.Rules,
        };

    private interface IStateParts
    {
        Incident[] Incidents { get; }
        Ticket[] Tickets { get; }
        Whistle[] Whistles { get; }
        Dispatch[] Dispatches { get; }
        TeamState[] Teams { get; }
        long AppliedCount { get; }
        DistrictRollups Rollups { get; }
        int Rules { get; }
    }

    /// <summary>The stored shape. Snapshots written before replay snapshots existed have no <c>HoldsWindow</c>: they hold it.</summary>
    private sealed record Body(
        Incident[] Incidents, Ticket[] Tickets, Whistle[] Whistles, Dispatch[] Dispatches, TeamState[] Teams,
        string[] Recent, long AppliedCount, DistrictRollups Rollups, int Rules = 1, bool HoldsWindow = true) : IStateParts;

    /// <summary>The same JSON read without <c>Recent</c>: the deserializer skips the window's characters.</summary>
    private sealed record ReplayBody(
        Incident[] Incidents, Ticket[] Tickets, Whistle[] Whistles, Dispatch[] Dispatches, TeamState[] Teams,
        long AppliedCount, DistrictRollups Rollups, int Rules = 1) : IStateParts;
}
