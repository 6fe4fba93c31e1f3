using System.Threading.Channels;
using CommandCenter.Core.Events;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// Forwards every event the live state applies, once, to each hub connection subscribed to its district, street or family.
/// The live state's thread only enqueues; sending happens here, so a slow client never holds up the screens.
/// If the queue ever fills (a stalled hub), the oldest events are dropped and counted rather than growing memory.
/// </summary>
public sealed class LiveHubBroadcaster : BackgroundService
{
    private const int QueueCapacity = 100_000;

    private readonly LiveState _live;
    private readonly IHubContext<LiveHub> _hub;
    private readonly LiveSubscriptions _subscriptions;
    private readonly ILogger<LiveHubBroadcaster> _logger;
    private readonly Channel<EventEnvelope> _queue;
    private long _dropped;

    public LiveHubBroadcaster(LiveState live, IHubContext<LiveHub> hub, LiveSubscriptions subscriptions, ILogger<LiveHubBroadcaster> logger)
    {
        (_live, _hub, _subscriptions, _logger) = (live, hub, subscriptions, logger);
        _queue = Channel.CreateBounded<EventEnvelope>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Events dropped because the queue was full: zero unless the hub stalled.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var applied = _live.SubscribeApplied(Enqueue);
        try
        {
            await foreach (var envelope in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var connections = _subscriptions.Matching(LiveScope.For(envelope.Street, envelope.Family));
                    if (connections.Count > 0)
                        await _hub.Clients.Clients(connections).SendAsync(LiveHub.EnvelopeMessage, HubEnvelope.From(envelope), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Could not push event {Id} to hub clients", envelope.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void Enqueue(IReadOnlyList<EventEnvelope> applied)
    {
        foreach (var envelope in applied)
            _queue.Writer.TryWrite(envelope);
    }
}
