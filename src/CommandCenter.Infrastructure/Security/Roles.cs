using CommandCenter.Core.Events;

namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// The roles of the command center (role claims use these names). Street-scoped roles need a street; a liaison
/// needs a department. <see cref="Kiosk"/> is never given to a person: it marks a wall screen's device token.
/// </summary>
public static class Roles
{
    public const string Operator = "Operator";
    public const string Dispatcher = "Dispatcher";
    public const string StreetLeader = "StreetLeader";
    public const string StreetDirector = "StreetDirector";
    public const string DepartmentLiaison = "DepartmentLiaison";
    public const string DistrictLeader = "DistrictLeader";
    public const string Admin = "Admin";
    public const string Kiosk = "Kiosk";

    public static readonly IReadOnlyList<string> All = [Operator, Dispatcher, StreetLeader, StreetDirector, DepartmentLiaison, DistrictLeader, Admin];

    public static bool IsStreetScoped(string role) => role is StreetLeader or StreetDirector;

    /// <summary>The role as an event's <c>actor.role</c> spells it.</summary>
    public static string ToActorRole(string role) => role switch
    {
        Operator => ActorRoles.Operator,
        Dispatcher => ActorRoles.Dispatcher,
        StreetLeader => ActorRoles.StreetLeader,
        StreetDirector => ActorRoles.StreetDirector,
        DepartmentLiaison => ActorRoles.DepartmentLiaison,
        DistrictLeader => ActorRoles.DistrictLeader,
        Admin => ActorRoles.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role of a person"),
    };

    public static string? Normalize(string role) => All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
