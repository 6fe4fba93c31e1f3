using CommandCenter.Core.Reference;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// <c>/hubs/live</c>: a subscribe-only feed of applied events for clients that are not Blazor (an LED wall
/// controller, another system). Clients choose scopes; the server pushes <c>envelope</c> messages. There is no
/// method for a client to send anything to others. Documented in docs/hub.md.
/// </summary>
public sealed class LiveHub(DistrictModel district, LiveSubscriptions subscriptions) : Hub
{
    public const string Path = "/hubs/live";
    public const string EnvelopeMessage = "envelope";

    public Task Subscribe(string scope)
    {
        var parsed = LiveScope.Parse(scope, district, out var problem) ?? throw new HubException(problem);
        subscriptions.Add(Context.ConnectionId, parsed.ToString());
        return Task.CompletedTask;
    }

    public Task Unsubscribe(string scope)
    {
        var parsed = LiveScope.Parse(scope, district, out var problem) ?? throw new HubException(problem);
        subscriptions.Remove(Context.ConnectionId, parsed.ToString());
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
