using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Security;

/// <summary>
/// Section <c>Authentication:OpenIdConnect</c>: the government single sign-on. Registered only when an
/// <c>Authority</c> is configured. A person signed in by the SSO still needs a local account of the same user name
/// (<see cref="UserNameClaim"/>): roles and street come from the local account, never from the identity provider.
/// </summary>
public sealed record OidcSettings(string Authority, string ClientId, string? ClientSecret, string UserNameClaim, bool RequireHttpsMetadata)
{
    public const string Section = "Authentication:OpenIdConnect";

    public static OidcSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section["Authority"] is not { Length: > 0 } authority)
            return null;
        return new OidcSettings(authority, section["ClientId"] ?? throw new InvalidOperationException($"{Section}:ClientId is required with an Authority"),
            section["ClientSecret"], section["UserNameClaim"] ?? "preferred_username",
            !bool.TryParse(section["RequireHttpsMetadata"], out var https) || https);
    }

    public void Apply(OpenIdConnectOptions o)
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
        o.RequireHttpsMetadata = RequireHttpsMetadata;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
    }
}
