namespace CommandCenter.Infrastructure.Security;

/// <summary>The rules an administrator's request can break in the admin stores (accounts, API keys, kiosk tokens, dead letters).</summary>
public enum AdminRule
{
    RoleUnknown,
    RoleNeedsStreet,
    RoleNeedsDepartment,
    RoleNotStreetBound,
    RoleNotDepartmentBound,
    SourceRequired,
    SourceReserved,
    SourceNotConfigured,
    ScreenNameRequired,
    ScreenNameInvalid,
    ViewStreetUnknown,
    ViewUnknown,
    ViewsRequired,
    DeadLetterNotFound,
    DeadLetterResent,
}

/// <summary>
/// Why an admin request was refused: the rule, the values it names (in the order the rule's words use them), and the
/// rule in English (<see cref="Message"/>, which <c>cc</c> prints and the logs keep). The pages put the rule in their own
/// language from <see cref="Rule"/> and <see cref="Values"/>, never from the English words.
/// </summary>
public sealed record AdminProblem(AdminRule Rule, string Message, IReadOnlyList<string> Values)
{
    public override string ToString() => Message;
}

/// <summary>An admin store's refusal (<see cref="AdminProblem"/>); an <see cref="ArgumentException"/> as before, for callers that only print it.</summary>
public sealed class AdminRefusedException(AdminProblem problem) : ArgumentException(problem.Message)
{
    public AdminProblem Problem { get; } = problem;
}
