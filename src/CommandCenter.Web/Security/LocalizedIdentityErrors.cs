using CommandCenter.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Security;

/// <summary>
/// Identity's refusals (a password too short, a user name taken…) in the page's language: the framework's own hook
/// for its words (<see cref="IdentityErrorDescriber"/>), each error keeping Identity's code with the description from
/// the UI resources. Every error the describer has is worded, also those this app's options cannot meet today (e-mail,
/// tokens, recovery codes, external sign-ins), so an option turned on later does not bring English into a Chinese
/// page; a test holds the list complete. <c>cc users create</c> keeps Identity's English throughout.
/// </summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Worded(base.DefaultError(), "操作未成功");
    public override IdentityError ConcurrencyFailure() => Worded(base.ConcurrencyFailure(), "账号已被他人修改，请刷新后重试");
    public override IdentityError PasswordMismatch() => Worded(base.PasswordMismatch(), "密码不正确");
    public override IdentityError InvalidUserName(string? userName) => Worded(base.InvalidUserName(userName), "用户名“{0}”无效：只可用字母、数字和 - . _ @", userName);
    public override IdentityError DuplicateUserName(string userName) => Worded(base.DuplicateUserName(userName), "用户名“{0}”已被使用", userName);
    public override IdentityError PasswordTooShort(int length) => Worded(base.PasswordTooShort(length), "密码至少 {0} 个字符", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Worded(base.PasswordRequiresUniqueChars(uniqueChars), "密码至少包含 {0} 个不同的字符", uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Worded(base.PasswordRequiresNonAlphanumeric(), "密码须包含字母和数字以外的字符");
    public override IdentityError PasswordRequiresDigit() => Worded(base.PasswordRequiresDigit(), "密码须包含数字");
    public override IdentityError PasswordRequiresLower() => Worded(base.PasswordRequiresLower(), "密码须包含小写字母");
    public override IdentityError PasswordRequiresUpper() => Worded(base.PasswordRequiresUpper(), "密码须包含大写字母");
    public override IdentityError UserAlreadyInRole(string role) => Worded(base.UserAlreadyInRole(role), "账号已是 {0} 角色", role);
    public override IdentityError UserNotInRole(string role) => Worded(base.UserNotInRole(role), "账号不是 {0} 角色", role);
    public override IdentityError UserLockoutNotEnabled() => Worded(base.UserLockoutNotEnabled(), "该账号不能锁定");
    public override IdentityError UserAlreadyHasPassword() => Worded(base.UserAlreadyHasPassword(), "账号已设置密码");
    public override IdentityError InvalidToken() => Worded(base.InvalidToken(), "链接或验证码已失效");
    public override IdentityError RecoveryCodeRedemptionFailed() => Worded(base.RecoveryCodeRedemptionFailed(), "恢复码无效");
    public override IdentityError LoginAlreadyAssociated() => Worded(base.LoginAlreadyAssociated(), "该外部登录已绑定其他账号");
    public override IdentityError InvalidEmail(string? email) => Worded(base.InvalidEmail(email), "邮箱“{0}”无效", email);
    public override IdentityError DuplicateEmail(string email) => Worded(base.DuplicateEmail(email), "邮箱“{0}”已被使用", email);
    public override IdentityError InvalidRoleName(string? role) => Worded(base.InvalidRoleName(role), "角色名“{0}”无效", role);
    public override IdentityError DuplicateRoleName(string role) => Worded(base.DuplicateRoleName(role), "角色名“{0}”已存在", role);

    private static IdentityError Worded(IdentityError error, string key, params object?[] args) =>
        new() { Code = error.Code, Description = UiText.Local(key, args) };
}
