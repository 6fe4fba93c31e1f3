using System.Threading.Channels;
using CommandCenter.Core.Events;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// Forwards every event the live state applies to the hub groups of its street and family (and the district).
/// The live state's thread only enqueues; sending happens here, so a slow client never holds up the screens.
/// If the queue ever fills (a stalled hub), the oldest events are dropped and counted rather than growing memory.
/// </summary>
public sealed class LiveHubBroadcaster(LiveState live, IHubContext<LiveHub> hub, ILogger<LiveHubBroadcaster> logger) : BackgroundService
{
    private const int QueueCapacity = 100_000;

    private readonly Channel<EventEnvelope> _queue = Channel.CreateBounded<EventEnvelope>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        _ => Interlocked.Increment(ref _dropped));

    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        live.Applied += Enqueue;
        try
        {
            await foreach (var envelope in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.Groups(LiveScopes.For(envelope.Street, envelope.Family))
                        .SendAsync(LiveHub.EnvelopeMessage, HubEnvelope.From(envelope), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not push event {Id} to hub clients", envelope.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            live.Applied -= Enqueue;
        }
    }

    private void Enqueue(IReadOnlyList<EventEnvelope> applied)
    {
        foreach (var envelope in applied)
            _queue.Writer.TryWrite(envelope);
    }
}
