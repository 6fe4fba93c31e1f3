using CommandCenter.Core.Access;
using CommandCenter.Core.State;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Whistles;

/// <summary>The whistle pages: live (<see cref="LiveComponent"/>), with countdowns that move every second, and the
/// whistles the signed-in person may see.</summary>
public abstract class WhistlePage : LiveComponent
{
    protected override TimeSpan? TickInterval => TimeSpan.FromSeconds(1);

    /// <summary>The whistles this person may see (<see cref="Permissions.CanSee"/>).</summary>
    protected IEnumerable<Whistle> Visible(DistrictState state) =>
        Actor is { } actor ? state.Whistles.Values.Where(w => Permissions.CanSee(actor, w)) : [];
}
