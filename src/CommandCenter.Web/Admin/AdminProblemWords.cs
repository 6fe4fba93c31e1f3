using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Admin;

/// <summary>
/// An admin store's refusal in the page's language: each <see cref="AdminRule"/> has its words in the UI resources
/// (the Chinese words are the key, {0}… the problem's values in order), so a page never shows the store's English.
/// </summary>
public static class AdminProblemWords
{
    public static string Key(AdminRule rule) => rule switch
    {
        AdminRule.RoleUnknown => "未知角色（可选：{0}）",
        AdminRule.RoleNeedsStreet => "{0}须绑定街道（{1}）",
        AdminRule.RoleNeedsDepartment => "{0}须绑定部门（{1}）",
        AdminRule.RoleNotStreetBound => "{0}不绑定街道",
        AdminRule.RoleNotDepartmentBound => "{0}不绑定部门",
        AdminRule.SourceRequired => "须填写来源系统名称（1–64 个字符）",
        AdminRule.SourceReserved => "“{0}”是本系统自己的来源（{1}），不为其签发密钥",
        AdminRule.SourceNotConfigured => "来源“{0}”没有配置可写入的事件类别（已配置：{1}）",
        AdminRule.ScreenNameRequired => "须填写屏幕名称（1–100 个字符）",
        AdminRule.ScreenNameInvalid => "“{0}”不能作屏幕名称：须为 1–64 个字母、数字、“-”或“_”，且不能是 admin、console、revoked、wall、structure",
        AdminRule.ViewStreetUnknown => "“{0}”不是本区的街道（街道：{1}）",
        AdminRule.ViewUnknown => "“{0}”不是视图：可用 wall、structure、street:街道代码或屏幕名称",
        AdminRule.ViewsRequired => "至少须有一个视图（如 wall、structure、street:hunanlu 或屏幕名称 lobby）",
        AdminRule.DeadLetterNotFound => "没有编号为 {0} 的死信",
        AdminRule.DeadLetterResent => "死信 {0} 已重发为 {1}（{2}）",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "an admin rule with no words"),
    };

    /// <summary>The problem in the current circuit's or request's language.</summary>
    public static string Local(AdminProblem problem)
    {
        string[] values = [.. problem.Values];
        // A role travels as its stored code; the page says the role's name.
        switch (problem.Rule)
        {
            case AdminRule.RoleUnknown:
                values[0] = string.Join("、", Roles.All.Select(RoleNames.Local));
                break;
            case AdminRule.RoleNeedsStreet or AdminRule.RoleNeedsDepartment or AdminRule.RoleNotStreetBound or AdminRule.RoleNotDepartmentBound:
                values[0] = RoleNames.Local(values[0]);
                break;
        }
        return UiText.Local(Key(problem.Rule), values);
    }
}
