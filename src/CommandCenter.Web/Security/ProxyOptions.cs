using System.Net;

namespace CommandCenter.Web.Security;

/// <summary>
/// Section <c>Proxy</c>: the reverse proxies (nginx, deploy/nginx/) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> headers are believed. Empty (the default): no forwarded header is believed from anyone,
/// not even from loopback, so a client cannot claim another address or HTTPS by sending the headers itself.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>127.0.0.1</c> or <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>172.28.0.0/16</c> (a compose network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to unwrap (one nginx: 1).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public string? Problem() =>
        KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy ? $"Proxy:KnownProxies: '{proxy}' is not an IP address"
        : KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network ? $"Proxy:KnownNetworks: '{network}' is not a network in CIDR notation"
        : ForwardLimit < 1 ? "Proxy:ForwardLimit must be at least 1"
        : null;
}
