using CommandCenter.Core.Reference;

namespace CommandCenter.Infrastructure.Security;

/// <summary>What an account must say for its role (the admin page and <c>cc users create</c> check the same).</summary>
public static class AccountRules
{
    public static string? Problem(string? role, string? street, string? department, DistrictModel district) => role switch
    {
        null => $"unknown role (roles: {string.Join(", ", Roles.All)})",
        Roles.StreetLeader or Roles.StreetDirector when street is null || !district.StreetsByCode.ContainsKey(street) =>
            $"{role} needs a street ({string.Join(' ', district.Streets.Select(s => s.Code))})",
        Roles.DepartmentLiaison when department is null || !district.DepartmentsByCode.ContainsKey(department) =>
            $"{role} needs a department ({string.Join(' ', district.Departments.Select(d => d.Code))})",
        not (Roles.StreetLeader or Roles.StreetDirector) when street is not null => $"{role} is not bound to a street",
        not Roles.DepartmentLiaison when department is not null => $"{role} is not bound to a department",
        _ => null,
    };
}
