namespace CommandCenter.Web.Security;

/// <summary>Section <c>Security</c>: limits and trust settings, each with a safe default.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Origins (scheme://host[:port]) besides the app's own that may open the hub and Blazor circuits.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Sign-in attempts per client address per minute before 429.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Ingest requests per API key per minute.</summary>
    public int IngestPerMinute { get; set; } = 600;

    /// <summary>Console commands per user per minute.</summary>
    public int CommandsPerMinute { get; set; } = 120;

    /// <summary>Hub method invocations per connection per 10 seconds.</summary>
    public int HubInvocationsPer10Seconds { get; set; } = 50;

    /// <summary>How often a signed-in cookie (and a live circuit) is checked against the account's security stamp.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The address people and screens open (scheme, host, optional port and path base): every absolute URL the app builds
    /// comes from it — a kiosk token's URL (on the admin page as from <c>cc kiosk create</c>), the single sign-on's
    /// redirect URI — never from a request's <c>Host</c> header, which the client chooses. Redirects the app answers with
    /// are relative.
    /// </summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary><see cref="PublicUrl"/> without a trailing slash.</summary>
    public string PublicBase => PublicUrl.TrimEnd('/');

    public string? Problem() =>
        SignInPerMinute < 1 || IngestPerMinute < 1 || CommandsPerMinute < 1 || HubInvocationsPer10Seconds < 1
            ? "Security rate limits must be at least 1"
            : RevalidationInterval < TimeSpan.Zero ? "Security:RevalidationInterval must not be negative"
            : !Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0
                ? $"Security:PublicUrl must be an absolute http:// or https:// address without query, not '{PublicUrl}'"
            : null;
}
