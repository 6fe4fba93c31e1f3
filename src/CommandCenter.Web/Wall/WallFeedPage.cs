using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Wall;

/// <summary>
/// A page that follows the shared wall feed: subscribes only in an interactive circuit, re-renders on each (already
/// coalesced) feed change, and reads the wall's query options (<c>lang</c>, <c>kiosk</c>).
/// </summary>
public abstract class WallFeedPage : ComponentBase, IDisposable
{
    [Inject] protected WallFeed Feed { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "lang")] public string? LangCode { get; set; }
    [SupplyParameterFromQuery(Name = "kiosk")] public string? KioskFlag { get; set; }

    protected WallLanguage Lang => WallLanguages.Parse(LangCode);
    protected bool IsKiosk => KioskFlag is "1" or "true";
    protected bool Connected { get; private set; }

    protected string StreetLink(string code) => $"wall/street/{code}?lang={Lang.Code()}";

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive) Feed.Changed += OnFeedChanged;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            Connected = true;
            StateHasChanged();
        }
    }

    private void OnFeedChanged() => _ = RenderAsync();

    private async Task RenderAsync()
    {
        try
        {
            await InvokeAsync(StateHasChanged);
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the notice and the render.
        }
    }

    public virtual void Dispose()
    {
        Feed.Changed -= OnFeedChanged;
        GC.SuppressFinalize(this);
    }
}
