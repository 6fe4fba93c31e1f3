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

    /// <summary>The 12345 ticket board (<c>/tickets</c>); each ticket is then shown by <see cref="Permissions.CanRead"/>.</summary>
    Tickets,

    /// <summary>The command API (<c>POST /api/v1/commands</c>): every person who may send some command; each command's
    /// own row of the table then decides.</summary>
    Console,

    /// <summary>The takeover console (<c>/kiosk/console</c>): read the takeovers of the wall screens and acknowledge them.</summary>
    Takeovers,

    /// <summary>The whistle pages (<c>/whistles</c>, <c>/whistles/{id}</c>, <c>/whistles/new</c>, <c>/liaison</c>,
    /// <c>/whistles/scoreboard</c>); each whistle is then shown by <see cref="Permissions.CanSee"/>.</summary>
    Whistles,

    /// <summary>Accounts, keys, kiosks, audit and dead letters (<c>/admin/*</c>; <c>/kiosk/admin</c> redirects to <c>/admin/kiosks</c>).</summary>
    Administration,
}
