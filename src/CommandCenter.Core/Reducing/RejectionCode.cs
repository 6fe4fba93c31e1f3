namespace CommandCenter.Core.Reducing;

/// <summary>
/// The kind of rule that refused an event or a command, beside the reason in words: screens map the code to their own
/// (Chinese-first) words and never read the reason, whose English may change. The reducer sets it on every
/// <see cref="OutcomeKind.Rejected"/> outcome (<see cref="Reduction.Code"/>); the command service and the permission
/// table (<c>Core/Access</c>) set it on what they refuse before anything is appended.
/// </summary>
public enum RejectionCode
{
    /// <summary>Not a rejection.</summary>
    None = 0,

    // Any item.
    /// <summary>The id names an item that already exists (<c>incident … was already reported</c>).</summary>
    AlreadyExists,
    /// <summary>The item does not exist (<c>ticket … does not exist</c>).</summary>
    NotFound,
    /// <summary>The event names another street than the item's, grid's or team's own.</summary>
    WrongStreet,
    /// <summary>The item's status does not allow this step (<c>… is not allowed when … is closed</c>).</summary>
    InvalidTransition,
    /// <summary>A grid, body, department or team code the reference model does not know.</summary>
    UnknownReference,
    /// <summary>A due time or report-in deadline that is not after the event itself.</summary>
    InvalidDeadline,

    // Deadlines (the deadline watcher's events).
    /// <summary><c>deadline.missed</c> before the due time.</summary>
    DeadlineNotPassed,
    /// <summary>No open deadline at that time is left to miss (closed, moved, or already recorded).</summary>
    NoOpenDeadline,

    // Whistles.
    /// <summary>The department was not summoned by the whistle.</summary>
    NotSummoned,
    /// <summary>The department has already reported in.</summary>
    AlreadyReportedIn,
    /// <summary>Feedback before any summoned department reported in.</summary>
    NoReportInYet,
    /// <summary>An escalation that does not raise the whistle's level.</summary>
    LevelNotRaised,

    // Dispatches and teams.
    /// <summary>The team is off duty.</summary>
    TeamOffDuty,
    /// <summary>The team is on another dispatch (the log put another operator's dispatch first).</summary>
    TeamOnDispatch,
    /// <summary>The team already has the status asked for.</summary>
    TeamStatusUnchanged,
    /// <summary>The incident to dispatch to is no longer open.</summary>
    IncidentNotOpen,

    // Who may act (the permission table).
    /// <summary>An event from the console that names no actor.</summary>
    ActorMissing,
    /// <summary>The person's role may not do this (or the caller is not a person: a kiosk token).</summary>
    NotPermitted,
    /// <summary>Outside the person's street or department.</summary>
    OutsideScope,

    // Commands and the reducer itself.
    /// <summary>The command is not a valid event (the parser's reason says why).</summary>
    Malformed,
    /// <summary>No rule applies events of this type.</summary>
    NoRule,
    /// <summary>A rule failed on this event (a bug, kept a deterministic rejection so the pipeline goes on).</summary>
    RuleFailed,
}
