namespace CommandCenter.Core.Access;

/// <summary>The screens and feeds a person may open (<see cref="Permissions.CanView"/>).</summary>
public enum View
{
    /// <summary>The district wall and the command structure (<c>/wall</c>, <c>/wall/structure</c>); the live hub's
    /// <c>district</c> and <c>family:</c> scopes.</summary>
    DistrictWall,

    /// <summary>One street: its wall (<c>/wall/street/{code}</c>), its console (<c>/street/{code}</c>) and the live hub's
    /// <c>street:{code}</c> scope. Asked with the street's code.</summary>
    Street,

    /// <summary>The dispatch console (<c>/dispatch</c>).</summary>
    Dispatch,

    /// <summary>The consoles that act (<c>/tickets</c>, <c>/kiosk/console</c>) and the command API.</summary>
    Console,

    /// <summary>The whistle pages (<c>/whistles</c>, <c>/liaison</c>, <c>/whistles/scoreboard</c>); each whistle is then
    /// shown by <see cref="Permissions.CanSee"/>.</summary>
    Whistles,

    /// <summary>Accounts, keys, kiosks, audit and dead letters (<c>/admin/*</c>, <c>/kiosk/admin</c>).</summary>
    Administration,
}
