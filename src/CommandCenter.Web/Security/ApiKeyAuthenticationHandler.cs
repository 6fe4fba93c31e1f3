using System.Security.Claims;
using System.Text.Encodings.Web;
using CommandCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>A producer's API key, sent as <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
            return header["ApiKey ".Length..].Trim();
        return request.Headers[HeaderName].ToString() is { Length: > 0 } key ? key : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { Length: > 0 } secret)
            return AuthenticateResult.NoResult();
        return await AuthenticateKeyAsync(keys, secret, SchemeName, Context.RequestAborted);
    }

    /// <summary>A producer key's principal (its source system), or the failure every key scheme reports.</summary>
    public static async Task<AuthenticateResult> AuthenticateKeyAsync(ApiKeyStore keys, string secret, string scheme, CancellationToken ct)
    {
        if (await keys.FindActiveAsync(secret, ct) is not { } key)
            return AuthenticateResult.Fail("unknown or revoked API key");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"),
            new Claim(ClaimTypes.Name, key.Source),
            new Claim(CcClaims.ApiKeySource, key.Source),
            new Claim(CcClaims.ApiKeyId, key.Id),
        ], scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey";
        return Task.CompletedTask;
    }
}
