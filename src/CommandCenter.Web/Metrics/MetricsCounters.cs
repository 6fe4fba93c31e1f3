using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Metrics;

/// <summary>Counts the Blazor circuits open on this instance for <c>cc.circuits.active</c>.</summary>
internal sealed class CircuitCounter(CommandCenterMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}

/// <summary>Counts the connections to the live hub for <c>cc.hub.connections</c> (Blazor's own circuit hub is not a hub filter's).</summary>
internal sealed class HubConnectionCounter(CommandCenterMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        metrics.HubConnected();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        metrics.HubDisconnected();
        await next(context, exception);
    }
}
