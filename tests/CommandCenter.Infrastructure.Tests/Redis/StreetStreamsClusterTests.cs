using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.EventLog;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>
/// Streams per street on Redis Cluster (a one-node cluster holding every slot, which still refuses a command whose keys
/// span slots): the streets' keys land in different slots, and routing, the live tail's read and the projector work.
/// </summary>
public sealed class StreetStreamsClusterTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;
    private readonly string _baseKey = $"test:{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private StreamLog Stream(string street)
    {
        var stream = new ProjectionStream(street);
        return new StreamLog(stream, new RedisEventLog(RedisServer.Cluster, stream.StreamKey(_baseKey), _baseKey + ":dead", namesStream: true));
    }

    [Fact]
    public async Task StreetsInDifferentSlots_RoutedReadTogetherWithoutCrossSlotAndProjected()
    {
        var streams = new EventLogStreams([Stream("ninghailu"), Stream("huaqiaolu")]);
        var keys = streams.All.Select(s => ((RedisEventLog)s.Log).StreamKey).ToList();
        var servers = RedisServer.Cluster.GetEndPoints().Select(e => RedisServer.Cluster.GetServer(e)).ToList();
        Assert.True(servers.Any(s => s.ServerType == ServerType.Cluster), string.Join(", ", servers.Select(s => $"{s.EndPoint} {s.ServerType} {s.IsConnected}")));
        var slots = keys.Select(ClusterSlot.Of).ToList();
        Assert.NotEqual(slots[0], slots[1]);
        // The cluster specification's test vector (CRC16 of "123456789" is 0x31C3), and the hash tag keeps a street's
        // stream and its lease in one slot.
        Assert.Equal(0x31C3, ClusterSlot.Of("123456789"));
        Assert.Equal(slots[0], ClusterSlot.Of($"{keys[0]}:projector:lease"));
        var crossSlot = await Assert.ThrowsAnyAsync<Exception>(() => RedisServer.Cluster.GetDatabase()
            .StreamReadAsync([new StreamPosition(keys[0], "0-0"), new StreamPosition(keys[1], "0-0")], 10));
        Assert.Contains("slot", crossSlot.Message, StringComparison.OrdinalIgnoreCase);

        var north = _bed.Events.MixedDay();
        var south = _bed.Events.MixedDay().Select(e => e.ToDictionary(f => f.Key, f => f.Value.Replace("ninghailu", "huaqiaolu", StringComparison.Ordinal))).ToList();
        var positions = await new StreetRoutedEventLog(streams).AppendAsync([.. north, .. south]);
        var read = await RedisEventLog.ReadManyAfterAsync(RedisServer.Cluster,
            keys.ToDictionary(k => k, _ => LogPosition.Start), countPerStream: 1_000);

        Assert.Equal(north.Select(e => e[EnvelopeFields.Id]), read[keys[0]].Select(e => e.Fields[EnvelopeFields.Id]));
        Assert.Equal(south.Select(e => e[EnvelopeFields.Id]), read[keys[1]].Select(e => e.Fields[EnvelopeFields.Id]));
        var stream = new ProjectionStream("huaqiaolu");
        var projector = new Projector(streams.All[1].Log, new ProjectionStore(_bed.Database.Factory, _bed.Parser, _bed.Reducer, stream),
            new ProjectionWriter(_bed.Database.Factory, _bed.Time, stream), _bed.Parser, _bed.Reducer,
            Options.Create(new ProjectorOptions { BatchSize = 7 }), new ProjectorStatus(), _bed.Time, NullLogger<Projector>.Instance);
        await ProjectionBed.DrainAsync(projector);
        Assert.Equal(positions[^1], projector.Checkpoint);
        Assert.Equal(south.Count - 1, projector.Counters.Applied);
        await projector.SnapshotWrittenAsync(); // before the bed deletes the database under it
    }
}
