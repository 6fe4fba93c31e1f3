using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Browser;

/// <summary>
/// Choosing in a MudBlazor select as a person does: a click on the field opens its list (drawn in the page's popover
/// provider, not inside the field), a click on the item chooses it and closes the list.
/// </summary>
public static class MudSelects
{
    /// <summary>Opens the select marked <paramref name="testId"/> inside <paramref name="scope"/> and clicks its item
    /// whose <c>data-value</c> is <paramref name="value"/>.</summary>
    public static async Task ChooseAsync(ILocator scope, string testId, string value)
    {
        await scope.Locator($"[data-testid='{testId}']").ClickAsync();
        var open = scope.Page.Locator(".mud-popover-open");
        await open.Locator($"[data-value='{value}']").ClickAsync();
        await Expect(open).ToHaveCountAsync(0);
    }
}
