using CommandCenter.Core.Reference;

namespace CommandCenter.Infrastructure.Security;

/// <summary>What an account must say for its role (the admin page and <c>cc users create</c> check the same).</summary>
public static class AccountRules
{
    public static AdminProblem? Problem(string? role, string? street, string? department, DistrictModel district)
    {
        var streets = string.Join(' ', district.Streets.Select(s => s.Code));
        var departments = string.Join(' ', district.Departments.Select(d => d.Code));
        return role switch
        {
            null => new(AdminRule.RoleUnknown, $"unknown role (roles: {string.Join(", ", Roles.All)})", [string.Join(", ", Roles.All)]),
            Roles.StreetLeader or Roles.StreetDirector when street is null || !district.StreetsByCode.ContainsKey(street) =>
                new(AdminRule.RoleNeedsStreet, $"{role} needs a street ({streets})", [role, streets]),
            Roles.DepartmentLiaison when department is null || !district.DepartmentsByCode.ContainsKey(department) =>
                new(AdminRule.RoleNeedsDepartment, $"{role} needs a department ({departments})", [role, departments]),
            not (Roles.StreetLeader or Roles.StreetDirector) when street is not null =>
                new(AdminRule.RoleNotStreetBound, $"{role} is not bound to a street", [role]),
            not Roles.DepartmentLiaison when department is not null =>
                new(AdminRule.RoleNotDepartmentBound, $"{role} is not bound to a department", [role]),
            _ => null,
        };
    }
}
