using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Open311;

/// <summary>
/// GeoReport v2 clients send the producer key as the <c>api_key</c> parameter (query string, or form field on POST);
/// the <c>X-Api-Key</c> header works too. Same keys and claims as the ingest API's scheme; refusals answer in the spec's
/// error format: 401 without a key, 403 for an unknown or revoked one.
/// </summary>
public sealed class Open311KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Open311Key";
    public const string Parameter = "api_key";

    /// <summary>Only callers with a valid key reach the Open311 endpoints.</summary>
    public static readonly AuthorizationPolicy Policy = new AuthorizationPolicyBuilder()
        .AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser().RequireClaim(CcClaims.ApiKeySource).Build();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (await KeyOfAsync(Request) is not { Length: > 0 } secret)
            return AuthenticateResult.NoResult();
        return await ApiKeyAuthenticationHandler.AuthenticateKeyAsync(keys, secret, SchemeName, Context.RequestAborted);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var (status, description) = result.Failure is null
            ? (StatusCodes.Status401Unauthorized, UiText.Local("{0} 必填：每次调用都须携带为你的系统签发的接口密钥", Parameter))
            : (StatusCodes.Status403Forbidden, UiText.Local("{0} 无效：未知或已吊销", Parameter));
        await WriteAsync(status, description);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, UiText.Local("{0} 不适用于此接口", Parameter));

    private async Task WriteAsync(int status, string description)
    {
        Response.StatusCode = status;
        var body = new[] { new { code = status, description } };
        // A .xml path gets the spec's XML errors, as every other answer of that path.
        Response.ContentType = Open311Xml.Wanted(Request) ? Open311Xml.ContentType : "application/json; charset=utf-8";
        await Response.WriteAsync(Open311Xml.Wanted(Request) ? Open311Xml.Write(body, Open311XmlRoot.Errors)
            : JsonSerializer.Serialize(body, Open311Endpoints.Json), Context.RequestAborted);
    }

    private static async Task<string?> KeyOfAsync(HttpRequest request)
    {
        if (Text(request.Query[Parameter]) is { } query)
            return query;
        if (request.HasFormContentType && Text((await request.ReadFormAsync(request.HttpContext.RequestAborted))[Parameter]) is { } form)
            return form;
        return ApiKeyAuthenticationHandler.KeyOf(request);
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues values) => values.ToString().Trim() is { Length: > 0 } v ? v : null;
}

public static class Open311ServiceCollectionExtensions
{
    /// <summary>The <c>api_key</c> authentication scheme the Open311 endpoints require.</summary>
    public static IServiceCollection AddOpen311(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Open311KeyAuthenticationHandler>(Open311KeyAuthenticationHandler.SchemeName, null);
        return services;
    }
}
