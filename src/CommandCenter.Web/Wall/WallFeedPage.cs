using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Wall;

/// <summary>
/// A page that follows the shared wall feed (<see cref="WallFeed"/>, already rebuilt at most ten times a second) through
/// <see cref="LiveComponent"/>, in the circuit's language (the request culture: <c>?lang=</c> or the culture cookie), and
/// reads the wall's <c>kiosk</c> option.
/// </summary>
public abstract class WallFeedPage : LiveComponent
{
    [Inject] protected WallFeed Feed { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "kiosk")] public string? KioskFlag { get; set; }

    protected WallLanguage Lang { get; } = WallLanguages.Current;
    protected bool IsKiosk => KioskFlag is "1" or "true";

    protected string StreetLink(string code) => $"wall/street/{code}";

    protected override IEnumerable<IDisposable> Subscribe(Action changed) => [Feed.Subscribe(changed)];

    /// <summary>None of its own: the feed already publishes at most once per <see cref="WallFeed.RebuildInterval"/>
    /// (and once a second for the clock), so each publish is drawn at once.</summary>
    protected override TimeSpan MinimumRenderGap => TimeSpan.Zero;
}
