using CommandCenter.Core.Text;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace CommandCenter.Web.Security;

/// <summary>
/// An SSO answer the app refuses (an id_token with a bad signature, issuer, audience or nonce; an error from the
/// provider; a lost correlation cookie) ends on the sign-in page with a message and a security-audit entry, instead
/// of the framework's unhandled <see cref="AuthenticationFailureException"/> (an error page, nothing audited).
/// </summary>
internal static class OidcRemoteFailure
{
    public const string Error = "sso-failed";

    public static async Task HandleAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        // Nobody is named: the provider's answer was not trusted, so neither is the user name in it.
        await http.RequestServices.GetRequiredService<SecurityAudit>().RecordAsync(
            SecurityAudit.SignInFailed, null, null, $"sso: {Reason(context.Failure)}", WebSecurity.ClientAddress(http));
        context.Response.Redirect($"/signin?error={Error}&returnUrl={Uri.EscapeDataString(ReturnUrlOf(context.Properties))}");
        context.HandleResponse();
    }

    /// <summary>
    /// The failure's type and first sentence (e.g. "SecurityTokenInvalidSignatureException: IDX10511: Signature validation
    /// failed."): enough to tell why, short enough for the audit.
    /// </summary>
    private static string Reason(Exception? failure)
    {
        if (failure is null)
            return "unknown failure";
        var end = failure.Message.IndexOf(". ", StringComparison.Ordinal);
        var reason = $"{failure.GetType().Name}: {(end > 0 ? failure.Message[..(end + 1)] : failure.Message)}";
        return TextElements.ClipUnits(reason, 240);
    }

    /// <summary>The page the person set out for, carried in the challenge's redirect to /account/sso-complete.</summary>
    private static string ReturnUrlOf(AuthenticationProperties? properties)
    {
        var redirect = properties?.RedirectUri;
        var query = redirect?.IndexOf('?') is int at and >= 0 ? QueryHelpers.ParseQuery(redirect[at..]) : null;
        return AccountEndpoints.LocalOrRoot(query?.TryGetValue("returnUrl", out var url) == true ? url.ToString() : null);
    }
}
