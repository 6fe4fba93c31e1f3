using System.Collections.Concurrent;
using CommandCenter.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Every open SignalR connection — the live hub's (<c>/hubs/live</c>) and the Blazor circuits' (<c>/_blazor</c>) — with the
/// principal it was opened by. A hub filter keeps the list and refuses a connection (a new one, or a circuit's reconnect)
/// whose principal is no longer valid; <see cref="ConnectionRevalidator"/> re-checks the list every half
/// <c>Security:RevalidationInterval</c> and closes the connections of revoked kiosk tokens and of people signed out
/// everywhere or locked.
/// </summary>
public sealed class OpenConnections : IHubFilter
{
    /// <summary>One open connection; <see cref="Strikes"/> counts the checks in a row that found its principal invalid.</summary>
    internal sealed class Entry(HubCallerContext context, bool circuit)
    {
        public HubCallerContext Context { get; } = context;
        public bool IsCircuit { get; } = circuit;
        public int Strikes { get; set; }
    }

    private readonly ConcurrentDictionary<string, Entry> _open = new();

    internal IReadOnlyCollection<Entry> Snapshot() => [.. _open.Values];

    /// <summary>How many connections are open now (for tests and diagnostics).</summary>
    public int Count => _open.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User is { } user && user.Identity?.IsAuthenticated == true
            && await context.ServiceProvider.GetRequiredService<PrincipalValidity>().ProblemAsync(user, context.Context.ConnectionAborted) is { } problem)
            throw new HubException($"refused: {problem}");
        _open[context.Context.ConnectionId] = new Entry(context.Context, circuit: !HubScopeFilter.IsOwnHub(context.Hub));
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }
}

/// <summary>
/// Closes the open connections of principals no longer valid (<see cref="PrincipalValidity"/>), each principal checked
/// once per round. A live-hub client is told why (a <c>revoked</c> message, docs/hub.md) and closed at once. A circuit is
/// first given the chance to leave by itself (<see cref="CircuitRevocation"/> sends its browser to sign-in or to the
/// kiosk's revoked page, within one interval); its connection is closed if it is still there
/// <see cref="CircuitStrikes"/> rounds after it was found invalid.
/// </summary>
public sealed class ConnectionRevalidator(OpenConnections open, PrincipalValidity validity, IHubContext<LiveHub> hub, IOptions<SecurityOptions> options,
    TimeProvider time, ILogger<ConnectionRevalidator> logger) : BackgroundService
{
    public const string RevokedMessage = "revoked";

    /// <summary>The rounds in a row (half an interval each) a circuit is found invalid before its connection is closed.</summary>
    public const int CircuitStrikes = 4;

    /// <summary>Half the revalidation interval, so a revoked principal's connections are closed within one interval.</summary>
    public TimeSpan Round => options.Value.RevalidationInterval > TimeSpan.Zero
        ? TimeSpan.FromTicks(Math.Max(options.Value.RevalidationInterval.Ticks / 2, TimeSpan.FromMilliseconds(200).Ticks))
        : TimeSpan.FromSeconds(2.5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Round, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not re-check the open connections; trying again next round");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One round: every open connection's principal checked, the invalid ones' connections closed.</summary>
    public async Task CheckOnceAsync(CancellationToken ct = default)
    {
        var verdicts = new Dictionary<string, string?>();
        var closing = new List<HubCallerContext>();
        foreach (var entry in open.Snapshot())
        {
            var user = entry.Context.User;
            if (user is null) continue;
            var key = PrincipalValidity.KeyOf(user);
            if (!verdicts.TryGetValue(key, out var problem))
                verdicts[key] = problem = await validity.ProblemAsync(user, ct);
            if (problem is null)
            {
                entry.Strikes = 0;
                continue;
            }
            entry.Strikes++;
            // A circuit's own revalidation (every interval) sends its browser away first; closing the connection
            // under it before then would leave the browser retrying a reconnect instead of leaving. So a circuit is
            // closed only when still open one and a half intervals after it was found invalid.
            if (entry.IsCircuit && entry.Strikes < CircuitStrikes)
                continue;
            if (!entry.IsCircuit)
            {
                try { await hub.Clients.Client(entry.Context.ConnectionId).SendAsync(RevokedMessage, problem, ct); }
                catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogDebug(ex, "Could not tell a closing hub connection why"); }
            }
            logger.LogInformation("Closing {Kind} connection {Connection} of {User}: {Problem}",
                entry.IsCircuit ? "circuit" : "hub", entry.Context.ConnectionId, user.Identity?.Name, problem);
            closing.Add(entry.Context);
        }
        if (closing.Count == 0)
            return;
        // Aborting right after the send can cut the transport before the reason is written out: give the messages
        // a moment on the wire (real time: it is the network's), then close every connection of this round at once.
        await Task.Delay(ReasonGrace, ct);
        foreach (var context in closing)
            context.Abort();
    }

    /// <summary>How long a closing hub connection's reason has to reach its client before the connection is cut.</summary>
    private static readonly TimeSpan ReasonGrace = TimeSpan.FromMilliseconds(250);
}
