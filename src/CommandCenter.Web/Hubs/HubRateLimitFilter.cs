using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// Limits method invocations per connection on the app's own hubs (Blazor's circuit hub is left to its own limits),
/// so one client cannot flood the server with Subscribe calls.
/// </summary>
public sealed class HubRateLimitFilter(IOptions<SecurityOptions> options) : IHubFilter
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!HubScopeFilter.IsOwnHub(context.Hub))
            return await next(context);
        var limiter = _limiters.GetOrAdd(context.Context.ConnectionId, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.HubInvocationsPer10Seconds, Window = TimeSpan.FromSeconds(10), QueueLimit = 0, AutoReplenishment = true,
        }));
        using var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
            throw new HubException("too many requests: slow down");
        return await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (_limiters.TryRemove(context.Context.ConnectionId, out var limiter))
            limiter.Dispose();
        await next(context, exception);
    }
}
