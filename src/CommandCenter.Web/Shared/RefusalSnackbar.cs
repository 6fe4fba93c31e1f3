using CommandCenter.Core.Reducing;
using CommandCenter.Web.Localization;
using MudBlazor;

namespace CommandCenter.Web.Shared;

/// <summary>
/// A refusal from the command service or the log, announced in a snackbar in the page's language: the typed code
/// through <see cref="RejectionWords"/>, never the reducer's English reason (that stays beside the form, as detail).
/// A page's own check on what was typed (invalid, no code) is not announced: its words already sit by the field.
/// </summary>
public static class RefusalSnackbar
{
    public static void Announce(ISnackbar snackbar, CommandResult result)
    {
        if (result.Status == CommandStatus.Appended || (result.Status == CommandStatus.Invalid && result.Code == RejectionCode.None))
            return;
        var words = result.Status == CommandStatus.Unavailable ? UiText.Both("未能记录，请重试") : RejectionWords.For(result.Code);
        snackbar.Add(words.Local, Severity.Error);
    }
}
