using System.Security.Claims;
using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Web.Security;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Kiosk;

/// <summary>
/// What a wall screen may show, decided for what it shows, never for the name it is opened at: each playlist item
/// (<c>wall</c>, <c>structure</c>, <c>street:{code}</c>) and each takeover (its street), and each scope a hub client
/// follows. A kiosk token shows exactly the views it is bound to (a screen name only opens the screen; its items are
/// authorized one by one against the same views); a person what the permission table lets them read.
/// </summary>
public sealed class ScreenAccess
{
    private readonly Actor? _person;
    private readonly HashSet<string>? _views;

    private ScreenAccess(Actor? person, IEnumerable<string>? views) =>
        (_person, _views) = (person, views is null ? null : new HashSet<string>(views, StringComparer.OrdinalIgnoreCase));

    /// <summary>A kiosk token's views, or the signed-in person; nothing for anyone else.</summary>
    public static ScreenAccess Of(ClaimsPrincipal user) =>
        user.IsKiosk() ? new(null, user.FindAll(CcClaims.KioskView).Select(c => c.Value)) : new(user.ToActor(), null);

    public static ScreenAccess ForViews(IEnumerable<string> views) => new(null, views);

    public static ScreenAccess ForPerson(Actor? person) => new(person, null);

    /// <summary>May it show the wall view <paramref name="view"/> (a playlist item or a wall page)?</summary>
    public bool MayShow(string view)
    {
        var street = WallViews.StreetOf(view);
        if (_views is not null)
            return _views.Contains(view);
        return _person is { } person && (street is null
            ? (string.Equals(view, WallViews.Wall, StringComparison.OrdinalIgnoreCase) || string.Equals(view, WallViews.Structure, StringComparison.OrdinalIgnoreCase))
              && Permissions.CanView(person, View.DistrictWall)
            : Permissions.CanView(person, View.Street, street));
    }

    /// <summary>May it show events of every street (the hub's <c>district</c> and <c>family:</c> scopes): the district
    /// wall, whose ticker shows them.</summary>
    public bool SeesDistrictEvents => _views is not null ? _views.Contains(WallViews.Wall) : _person is { } person && Permissions.CanView(person, View.DistrictWall);

    /// <summary>May it show events of <paramref name="street"/> (a takeover there, the hub's <c>street:{code}</c> scope)?</summary>
    public bool SeesStreetEvents(string street) =>
        _views is not null ? SeesDistrictEvents || _views.Contains(WallViews.Street(street))
        : _person is { } person && Permissions.CanView(person, View.Street, street);
}
