using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>
/// A person's moves on MudBlazor forms in a bunit page (<see cref="PageBed"/>): typing, choosing, clicking, answering a
/// dialog, reading the snackbars. Each control is found by the <c>data-testid</c> the page puts on it
/// (docs/conventions.md). Browser tests choose through <c>Browser/MudSelects</c> instead.
/// </summary>
internal static class MudForms
{
    /// <summary>Types into the MudBlazor text field marked <paramref name="testId"/> (its input carries the mark).</summary>
    public static void Fill<TPage>(IRenderedComponent<TPage> cut, string testId, string text) where TPage : class, IComponent =>
        cut.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input").Input(text);

    /// <summary>Picks <paramref name="value"/> in the MudSelect marked <paramref name="testId"/>, as a click on its item would.</summary>
    public static void Choose<TPage, T>(IRenderedComponent<TPage> cut, string testId, T value) where TPage : class, IComponent
    {
        cut.WaitForState(() => cut.FindComponents<MudSelect<T>>().Any(s => Is(s, testId)));
        var select = cut.FindComponents<MudSelect<T>>().Single(s => Is(s, testId));
        cut.InvokeAsync(() => select.Instance.SelectOption(value)).GetAwaiter().GetResult();
    }

    private static bool Is<T>(IRenderedComponent<MudSelect<T>> select, string testId) =>
        Equals(select.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId);

    /// <summary>Clicks the button marked <paramref name="testId"/> (and <paramref name="extra"/>, e.g. <c>[data-key='…']</c>).</summary>
    public static void Click<TPage>(IRenderedComponent<TPage> cut, string testId, string extra = "") where TPage : class, IComponent =>
        cut.WaitForElement($"button[data-testid='{testId}']{extra}, [data-testid='{testId}']{extra} button").Click();

    /// <summary>Answers the open message box or dialog with the button reading <paramref name="answer"/>.</summary>
    public static void Answer<TPage>(IRenderedComponent<TPage> cut, string answer) where TPage : class, IComponent
    {
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-dialog button"), b => b.TextContent.Trim() == answer));
        cut.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == answer).Click();
    }

    /// <summary>The snackbars' texts now shown.</summary>
    public static IReadOnlyList<string> Snackbars<TPage>(IRenderedComponent<TPage> cut) where TPage : class, IComponent =>
        [.. cut.FindAll(".mud-snackbar").Select(s => s.TextContent.Trim())];
}
