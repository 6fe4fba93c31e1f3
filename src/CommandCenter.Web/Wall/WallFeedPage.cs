using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Wall;

/// <summary>
/// A page that follows the shared wall feed (<see cref="WallFeed"/>, already rebuilt at most ten times a second) through
/// <see cref="LiveComponent"/>, and reads the wall's query options (<c>lang</c>, <c>kiosk</c>).
/// </summary>
public abstract class WallFeedPage : LiveComponent
{
    [Inject] protected WallFeed Feed { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "lang")] public string? LangCode { get; set; }
    [SupplyParameterFromQuery(Name = "kiosk")] public string? KioskFlag { get; set; }

    protected WallLanguage Lang => WallLanguages.Parse(LangCode);
    protected bool IsKiosk => KioskFlag is "1" or "true";

    protected string StreetLink(string code) => $"wall/street/{code}?lang={Lang.Code()}";

    protected override IEnumerable<IDisposable> Subscribe(Action changed) => [Feed.Subscribe(changed)];
}
