namespace CommandCenter.Core.Events;

/// <summary>
/// Shape rules of each payload that need no state: required text present and bounded, ranges, empty ids.
/// Returns the first problem in plain words, or null. Rules that need state (does the ticket exist?) are the reducer's.
/// </summary>
internal static class PayloadRules
{
    public static string? Check(IEventPayload payload) => payload switch
    {
        IncidentReported p => Id(p.IncidentId, "incidentId") ?? Short(p.GridId, "gridId") ?? Short(p.Category, "category")
            ?? Short(p.Title, "title") ?? Long(p.Description, "description") ?? Short(p.ReportedBy, "reportedBy", required: false)
            ?? (p.Severity is < 1 or > 4 ? "severity must be 1 (most severe) to 4" : null),
        IncidentAccepted p => Id(p.IncidentId, "incidentId") ?? Long(p.Note, "note"),
        IncidentAssigned p => Id(p.IncidentId, "incidentId") ?? Short(p.Body, "body") ?? Short(p.Assignee, "assignee", required: false),
        IncidentResolved p => Id(p.IncidentId, "incidentId") ?? Long(p.Outcome, "outcome", required: true),
        IncidentVerified p => Id(p.IncidentId, "incidentId") ?? Long(p.Note, "note"),
        IncidentClosed p => Id(p.IncidentId, "incidentId") ?? Long(p.Note, "note"),
        IncidentReopened p => Id(p.IncidentId, "incidentId") ?? Long(p.Reason, "reason", required: true),

        TicketReceived p => Id(p.TicketId, "ticketId") ?? Short(p.Channel, "channel") ?? Short(p.Category, "category")
            ?? Long(p.Content, "content", required: true) ?? Short(p.CallerMasked, "callerMasked") ?? Short(p.Address, "address", required: false),
        TicketAssigned p => Id(p.TicketId, "ticketId") ?? Short(p.Body, "body"),
        TicketFeedback p => Id(p.TicketId, "ticketId") ?? Long(p.Content, "content", required: true),
        TicketVerified p => Id(p.TicketId, "ticketId") ?? Long(p.Result, "result", required: true),
        TicketClosed p => Id(p.TicketId, "ticketId") ?? Long(p.Note, "note"),
        TicketEvaluated p => Id(p.TicketId, "ticketId"),
        TicketReopened p => Id(p.TicketId, "ticketId") ?? Long(p.Reason, "reason", required: true),

        WhistleBlown p => Id(p.WhistleId, "whistleId") ?? Short(p.Title, "title") ?? Long(p.Description, "description")
            ?? Short(p.SourceRef, "sourceRef", required: false) ?? Departments(p.Departments)
            ?? (p.Level == WhistleLevel.District ? "a whistle is blown at work-advance or tough-problem level; district level comes only by escalation" : null),
        WhistleDepartmentReported p => Id(p.WhistleId, "whistleId") ?? Short(p.Department, "department") ?? Long(p.Note, "note"),
        WhistleEscalated p => Id(p.WhistleId, "whistleId") ?? Long(p.Reason, "reason", required: true),
        WhistleResolved p => Id(p.WhistleId, "whistleId") ?? Long(p.Feedback, "feedback", required: true),
        WhistleClosed p => Id(p.WhistleId, "whistleId") ?? Long(p.Note, "note"),
        WhistleEvaluated p => Id(p.WhistleId, "whistleId") ?? Ratings(p.Ratings),

        DispatchCreated p => Id(p.DispatchId, "dispatchId") ?? Short(p.TeamId, "teamId") ?? Long(p.Note, "note")
            ?? (p.IncidentId == Guid.Empty ? "incidentId is the empty UUID" : null),
        DispatchAcknowledged p => Id(p.DispatchId, "dispatchId"),
        DispatchEnRoute p => Id(p.DispatchId, "dispatchId"),
        DispatchOnScene p => Id(p.DispatchId, "dispatchId"),
        DispatchCompleted p => Id(p.DispatchId, "dispatchId") ?? Long(p.Outcome, "outcome", required: true),
        DispatchCancelled p => Id(p.DispatchId, "dispatchId") ?? Long(p.Reason, "reason", required: true),
        TeamStatusChanged p => Short(p.TeamId, "teamId") ?? Long(p.Note, "note")
            ?? (p.Status is TeamStatus.Available or TeamStatus.OffDuty ? null : "a team's status can be set only to available or off-duty; the others follow its dispatches"),

        DeadlineMissed p => Id(p.EntityId, "entityId") ?? Short(p.Department, "department", required: p.Kind == DeadlineKind.WhistleReport),
        LogArchived p => p.ClosedBefore > p.Now ? "closedBefore must not be after now" : null,
        LogRulesAdopted p => p.Rules < 1 ? "rules must be a version of at least 1" : null,
        LogDeadLettered p => Short(p.Position, "position") ?? Long(p.Reason, "reason", required: true) ?? Short(p.EnvelopeId, "envelopeId", required: false)
            ?? (EventLog.LogPosition.TryParse(p.Position, out _) ? null : "position is not a log position (ms-seq)"),
        _ => $"no rules for {payload.GetType().Name}",
    };

    private static string? Id(Guid id, string name) => id == Guid.Empty ? $"{name} is missing or the empty UUID" : null;

    private static string? Short(string? value, string name, bool required = true) => Text(value, name, required, EnvelopeLimits.MaxShortText);

    private static string? Long(string? value, string name, bool required = false) => Text(value, name, required, EnvelopeLimits.MaxLongText);

    private static string? Text(string? value, string name, bool required, int max) =>
        string.IsNullOrWhiteSpace(value) ? (required ? $"{name} is required" : null)
        : value.Length > max ? $"{name} is longer than {max} characters"
        : null;

    private static string? Departments(IReadOnlyList<string> departments) =>
        departments.Any(d => d is null) ? "departments holds null"
        : departments.Count == 0 ? "a whistle must summon at least one department"
        : departments.Count > EnvelopeLimits.MaxDepartmentsPerWhistle ? $"a whistle summons at most {EnvelopeLimits.MaxDepartmentsPerWhistle} departments"
        : departments.Distinct().Count() != departments.Count ? "a department is summoned twice"
        : departments.Any(string.IsNullOrWhiteSpace) ? "a department code is empty"
        : null;

    private static string? Ratings(IReadOnlyList<DepartmentRating> ratings) =>
        ratings.Any(r => r is null) ? "ratings holds null"
        : ratings.Count == 0 ? "an evaluation rates at least one department"
        : ratings.Any(r => r.Score is < 0 or > 100) ? "scores are 0 to 100"
        : ratings.Select(r => r.Department).Distinct().Count() != ratings.Count ? "a department is rated twice"
        : null;
}
