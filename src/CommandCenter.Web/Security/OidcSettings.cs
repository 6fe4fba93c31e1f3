using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Security;

/// <summary>
/// Section <c>Authentication:OpenIdConnect</c>: the government single sign-on. Registered only when an
/// <c>Authority</c> is configured. A person signed in by the SSO still needs a local account of the same user name
/// (<see cref="UserNameClaim"/>): roles and street come from the local account, never from the identity provider.
/// The authority must be HTTPS; plain HTTP is accepted only for a loopback authority (<see cref="IsLoopbackHttp"/>:
/// an identity provider on the same machine, as in development and tests), never for one across a network.
/// </summary>
public sealed record OidcSettings(string Authority, string ClientId, string? ClientSecret, string UserNameClaim)
{
    public const string Section = "Authentication:OpenIdConnect";

    public static OidcSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section["Authority"] is not { Length: > 0 } authority)
            return null;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))))
            throw new InvalidOperationException(
                $"{Section}:Authority must be an https:// address (plain http:// only for a loopback provider: 127.0.0.1, [::1], localhost), not '{authority}'");
        return new OidcSettings(authority, section["ClientId"] ?? throw new InvalidOperationException($"{Section}:ClientId is required with an Authority"),
            section["ClientSecret"], section["UserNameClaim"] ?? "preferred_username");
    }

    /// <summary>An http:// authority on this machine: metadata, keys and tokens never cross a network in clear text.</summary>
    public bool IsLoopbackHttp => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri);

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// Configures the handler; the redirect URI sent to the provider (and again when the code is redeemed) is
    /// <paramref name="publicBase"/>'s (<c>Security:PublicUrl</c>), never built from the request's Host header.
    /// </summary>
    public void Apply(OpenIdConnectOptions o, string? publicBase = null)
    {
        o.Authority = Authority;
        o.ClientId = ClientId;
        o.ClientSecret = ClientSecret;
        o.ResponseType = "code";
        o.UsePkce = true;
        o.SignInScheme = IdentityConstants.ExternalScheme;
        o.CallbackPath = "/signin-oidc";
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.RequireHttpsMetadata = !IsLoopbackHttp;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.Events.OnRemoteFailure = OidcRemoteFailure.HandleAsync;
        if (publicBase is not null)
        {
            var redirectUri = publicBase + o.CallbackPath;
            o.Events.OnRedirectToIdentityProvider = context =>
            {
                context.ProtocolMessage.RedirectUri = redirectUri;
                return Task.CompletedTask;
            };
            o.Events.OnAuthorizationCodeReceived = context =>
            {
                if (context.TokenEndpointRequest is { } request)
                    request.RedirectUri = redirectUri;
                return Task.CompletedTask;
            };
        }
    }
}
