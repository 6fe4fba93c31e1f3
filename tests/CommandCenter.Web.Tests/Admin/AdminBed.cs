using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>
/// The admin consoles in bunit over the real app's services: the page's stores, UserManager, audit and dead-letter desk
/// come from a <see cref="WallAppFactory"/> (its temp database, demo accounts), so what a test does on the page lands
/// where the app keeps it and the app's own endpoints can check it. The page runs in an interactive circuit signed in as
/// <c>admin</c> (or as someone the Admin policy refuses), zh-CN; MudBlazor's dialogs and snackbars render in the page.
/// </summary>
internal sealed class AdminBed : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private AdminBed(WallAppFactory app)
    {
        App = app;
        _scope = app.Services.CreateAsyncScope();
        Ctx.Services.AddMudServices();
        Ctx.Services.AddLocalization();
        // Whatever bunit does not provide (the stores, UserManager, options) is the app's, in one request-like scope.
        Ctx.Services.AddFallbackServiceProvider(_scope.ServiceProvider);
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = Ctx.AddAuthorization();
        Ctx.SetRendererInfo(new RendererInfo("Server", true));
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (Cultures.Chinese, Cultures.Chinese);
    }

    /// <summary>A bed signed in as <paramref name="user"/>; the Admin policy passes only when <paramref name="admin"/>.</summary>
    public static async Task<AdminBed> StartAsync(string user = "admin", bool admin = true, bool fakeLog = true)
    {
        var bed = new AdminBed(new WallAppFactory { FakeLog = fakeLog });
        var account = await bed.Users.FindByNameAsync(user) ?? throw new InvalidOperationException($"no demo account {user}");
        bed.Auth.SetAuthorized(user);
        bed.Auth.SetRoles([.. await bed.Users.GetRolesAsync(account)]);
        bed.Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, account.Id));
        if (admin)
            bed.Auth.SetPolicies(Policies.Admin);
        return bed;
    }

    public WallAppFactory App { get; }
    public BunitContext Ctx { get; } = new();
    public BunitAuthorizationContext Auth { get; }
    public IServiceProvider Services => _scope.ServiceProvider;
    public UserManager<AppUser> Users => Services.GetRequiredService<UserManager<AppUser>>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Types into the MudBlazor text field marked <paramref name="testId"/> (its input carries the mark).</summary>
    public static void Fill<TPage>(IRenderedComponent<TPage> cut, string testId, string text) where TPage : class, IComponent =>
        cut.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input").Input(text);

    /// <summary>Picks <paramref name="value"/> in the MudSelect marked <paramref name="testId"/>, as a click on its item would.</summary>
    public static void Choose<TPage, T>(IRenderedComponent<TPage> cut, string testId, T value) where TPage : class, IComponent
    {
        cut.WaitForState(() => cut.FindComponents<MudBlazor.MudSelect<T>>().Any(s => Is(s, testId)));
        var select = cut.FindComponents<MudBlazor.MudSelect<T>>().Single(s => Is(s, testId));
        cut.InvokeAsync(() => select.Instance.SelectOption(value)).GetAwaiter().GetResult();
    }

    private static bool Is<T>(IRenderedComponent<MudBlazor.MudSelect<T>> select, string testId) =>
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

    public async ValueTask DisposeAsync()
    {
        await Ctx.DisposeAsync();
        await _scope.DisposeAsync();
        await App.DisposeAsync();
    }
}
