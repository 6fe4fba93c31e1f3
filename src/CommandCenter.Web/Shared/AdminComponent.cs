using System.Security.Claims;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Shared;

/// <summary>
/// The base of the admin consoles (accounts, keys, kiosks, audit, dead letters): interactive pages that act in their
/// circuit instead of posting forms. A circuit lives long, so each change asks again whether the person the circuit
/// holds now (re-validated by <see cref="RevalidatingStateProvider"/>) passes the Admin policy, rather than trusting the
/// check made when the page opened; a refusal, like every result, is announced in a snackbar. Destructive changes are
/// confirmed in a MudBlazor message box first. Pages render <see cref="AdminProviders"/> once for these to show.
/// </summary>
public abstract class AdminComponent : ComponentBase
{
    [Inject] protected IStringLocalizer<UiText> L { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>What the page puts in <c>data-circuit</c>: browser tests wait for "connected" before they act.</summary>
    protected string Circuit => RendererInfo.IsInteractive ? "connected" : "pending";

    /// <summary>The signed-in administrator now; null, with the refusal announced, when they may no longer administer.</summary>
    protected async Task<ClaimsPrincipal?> AdministratorAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated == true && (await Authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded)
            return user;
        Refuse(L["无权执行此操作"]);
        return null;
    }

    /// <summary>The name recorded as the actor of a change (the stores' <c>createdBy</c>/<c>revokedBy</c>), as the forms recorded it.</summary>
    protected static string ActorName(ClaimsPrincipal admin) => admin.Identity?.Name ?? "admin";

    /// <summary>Asks before a destructive change; true only when <paramref name="yes"/> was chosen.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: L["取消#dialog"]) == true;

    protected void Announce(string message) => Snackbar.Add(message, Severity.Success);

    protected void Refuse(string message) => Snackbar.Add(message, Severity.Error);
}
