using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CommandCenter.Web;

/// <summary>Tells whoever started the app where the wall is, from the addresses the server actually bound.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.Where(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).DefaultIfEmpty(addresses.FirstOrDefault()))
        {
            if (address is null) continue;
            Console.WriteLine($"CommandCenter wall: {Browsable(address)}/wall");
        }
    }

    // A wildcard bind (0.0.0.0, [::], +, *) is not an address a browser can open; this machine's loopback is.
    private static string Browsable(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
