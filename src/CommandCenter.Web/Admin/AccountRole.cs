using CommandCenter.Core.Reference;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Admin;

/// <summary>
/// An account's role and what it is bound to, as the admin forms edit it: a street for street leaders and directors, a
/// department for liaisons, nothing otherwise. <see cref="Problem"/> is the same rule <c>cc users create</c> applies.
/// </summary>
public sealed class AccountRole
{
    public string Role { get; set; } = Roles.Operator;
    public string? Street { get; set; }
    public string? Department { get; set; }

    public bool NeedsStreet => Roles.IsStreetScoped(Role);
    public bool NeedsDepartment => Role == Roles.DepartmentLiaison;

    /// <summary>The binding that goes with the role: a street or department left from another role is dropped.</summary>
    public (string? Street, string? Department) Binding =>
        (NeedsStreet && !string.IsNullOrEmpty(Street) ? Street : null, NeedsDepartment && !string.IsNullOrEmpty(Department) ? Department : null);

    public AdminProblem? Problem(DistrictModel district)
    {
        var (street, department) = Binding;
        return AccountRules.Problem(Roles.Normalize(Role), street, department, district);
    }

    /// <summary>How the audit trail records it, as account creation always has: <c>StreetDirector xiaoshi</c>.</summary>
    public string AuditDetail
    {
        get
        {
            var (street, department) = Binding;
            return $"{Role} {street}{department}";
        }
    }
}

/// <summary>The roles' names as an administrator reads them; the stored code (<see cref="Roles"/>) stays English.</summary>
public static class RoleNames
{
    public static string Local(string? role) => role switch
    {
        Roles.Operator => UiText.Local("值班员"),
        Roles.Dispatcher => UiText.Local("调度员"),
        Roles.StreetLeader => UiText.Local("街道领导"),
        Roles.StreetDirector => UiText.Local("街道主任"),
        Roles.DepartmentLiaison => UiText.Local("部门联络员"),
        Roles.DistrictLeader => UiText.Local("区领导"),
        Roles.Admin => UiText.Local("系统管理员"),
        _ => role ?? "",
    };
}
