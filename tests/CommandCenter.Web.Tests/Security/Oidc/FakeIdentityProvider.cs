using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Web.Tests.Security.Oidc;

/// <summary>
/// A minimal OpenID provider (authorization code flow with PKCE) in the test process, on a free loopback port over
/// plain HTTP: discovery, JWKS (an RSA key made for this run), authorize (approves <see cref="UserName"/> without a
/// login page), token (an RS256 id_token and an opaque access token) and userinfo. It checks what a real provider
/// checks — client id and secret, redirect URI, the code's single use, the PKCE verifier — so a round trip that
/// succeeds proves the app speaks the protocol, and the knobs below let a test hand the app a bad token.
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _publishedKey = new(RSA.Create(2048)) { KeyId = $"key-{Guid.NewGuid():N}" };
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentDictionary<string, string> _accessTokens = new();
    private int _authorizations;
    private int _tokensIssued;

    private FakeIdentityProvider(WebApplication app, string clientId, string clientSecret)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>http://127.0.0.1:port, the issuer.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>The person the provider vouches for (its preferred_username).</summary>
    public string UserName { get; set; } = "director.ninghailu";

    /// <summary>The id_token's audience; the client id unless a test wants a token meant for another client.</summary>
    public string? AudienceOverride { get; set; }

    /// <summary>The id_token's issuer; the authority unless a test wants a token from someone else.</summary>
    public string? IssuerOverride { get; set; }

    /// <summary>The id_token's nonce; the authorize request's unless a test replays another sign-in's token.</summary>
    public string? NonceOverride { get; set; }

    /// <summary>Signs the id_token with a key of the same id that is not the published one (a forged token).</summary>
    public bool SignWithUnpublishedKey { get; set; }

    /// <summary>Authorization requests approved and id_tokens issued; proof the browser really went round.</summary>
    public int Authorizations => _authorizations;

    public int TokensIssued => _tokensIssued;

    /// <summary>Problems the provider refused (a wrong secret, a replayed code…); empty when the app behaved.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<FakeIdentityProvider> StartAsync(string clientId = "command-center", string clientSecret = "test-secret-不公开")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var provider = new FakeIdentityProvider(builder.Build(), clientId, clientSecret);
        provider.Map();
        await provider._app.StartAsync();
        provider.Authority = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _publishedKey.Rsa.Dispose();
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["userinfo_endpoint"] = $"{Authority}/userinfo",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["scopes_supported"] = new[] { "openid", "profile" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var rsa = _publishedKey.Rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new Dictionary<string, object>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["kid"] = _publishedKey.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(rsa.Modulus), ["e"] = Base64UrlEncoder.Encode(rsa.Exponent),
                    },
                },
            });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
        _app.MapGet("/userinfo", UserInfo);
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["redirect_uri"].ToString() is not { Length: > 0 } redirectUri
            || q["state"].ToString() is not { Length: > 0 } state || q["nonce"].ToString() is not { Length: > 0 } nonce
            || q["code_challenge_method"] != "S256" || q["code_challenge"].ToString() is not { Length: > 0 } challenge
            || !q["scope"].ToString().Split(' ').Contains("openid"))
            return Refuse($"authorize: incomplete request {request.QueryString}");

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new PendingCode(UserName, nonce, redirectUri, challenge);
        Interlocked.Increment(ref _authorizations);
        if (q["response_mode"] == "form_post")
            return Results.Content(AutoPostForm(redirectUri, code, state), "text/html; charset=utf-8");
        return Results.Redirect($"{redirectUri}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
    }

    /// <summary>response_mode=form_post (OAuth 2.0 Form Post Response Mode): the browser posts the code to the callback.</summary>
    private static string AutoPostForm(string redirectUri, string code, string state) => $"""
        <!doctype html><html><head><title>SSO</title></head>
        <body onload="document.forms[0].submit()">
        <form method="post" action="{WebUtility.HtmlEncode(redirectUri)}">
        <input type="hidden" name="code" value="{WebUtility.HtmlEncode(code)}" />
        <input type="hidden" name="state" value="{WebUtility.HtmlEncode(state)}" />
        <noscript><button type="submit">Continue</button></noscript>
        </form></body></html>
        """;

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret)
            return Refuse("token: wrong client credentials", "invalid_client");
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending))
            return Refuse("token: unknown or reused code", "invalid_grant");
        if (form["redirect_uri"] != pending.RedirectUri)
            return Refuse("token: redirect_uri differs from the authorize request", "invalid_grant");
        var verifier = form["code_verifier"].ToString();
        if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.CodeChallenge)
            return Refuse("token: PKCE verifier does not match", "invalid_grant");

        var subject = $"gov-{pending.UserName}";
        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = pending.UserName;
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = IdToken(subject, pending.UserName, pending.Nonce),
        });
    }

    private string IdToken(string subject, string userName, string nonce)
    {
        var now = DateTime.UtcNow;
        // A forged token: same key id as the published key, another private key.
        using var forged = SignWithUnpublishedKey ? RSA.Create(2048) : null;
        SecurityKey key = forged is null ? _publishedKey : new RsaSecurityKey(forged) { KeyId = _publishedKey.KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerOverride ?? Authority,
            Audience = AudienceOverride ?? ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                ["preferred_username"] = userName,
                [JwtRegisteredClaimNames.Nonce] = NonceOverride ?? nonce,
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var userName))
            return Refuse("userinfo: unknown access token", "invalid_token", StatusCodes.Status401Unauthorized);
        return Results.Json(new Dictionary<string, string> { ["sub"] = $"gov-{userName}", ["preferred_username"] = userName });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    private IResult Refuse(string why, string error = "invalid_request", int status = StatusCodes.Status400BadRequest)
    {
        Refusals.Enqueue(why);
        return Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = why }, statusCode: status);
    }

    private sealed record PendingCode(string UserName, string Nonce, string RedirectUri, string CodeChallenge);
}
