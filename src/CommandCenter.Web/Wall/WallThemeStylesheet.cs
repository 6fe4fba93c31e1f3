using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CommandCenter.Web.Wall;

/// <summary>
/// The wall theme's CSS variables (<see cref="WallTheme"/>, dark), as MudBlazor's <see cref="MudThemeProvider"/> writes
/// them: rendered once per process with the framework's <see cref="HtmlRenderer"/> and shared by every wall circuit.
/// A theme provider in each wall would build the same ~25 KB style text per circuit and keep it in its render trees for
/// the circuit's lifetime (docs/benchmarks-year.md); the one markup string costs nothing per wall.
/// </summary>
public sealed class WallThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lazy<MarkupString> _markup = new(() => Render(scopes, loggers));

    /// <summary>The <c>&lt;style class="mud-theme-provider"&gt;</c> element, rendered on first use.</summary>
    public MarkupString Markup => _markup.Value;

    private static MarkupString Render(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        using var scope = scopes.CreateScope();
        using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.IsDarkMode)] = true,
            [nameof(MudThemeProvider.Theme)] = WallTheme.Theme,
        });
        // Off the caller's synchronization context: the renderer's dispatcher runs the render to completion.
        var html = Task.Run(() => renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString())).GetAwaiter().GetResult();
        return new MarkupString(html);
    }
}
