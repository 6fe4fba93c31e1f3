using System.Collections.Frozen;

namespace CommandCenter.Core.Events;

/// <summary>The v1 event catalog (docs/events.md): every type name and the payload record it carries.</summary>
public static class EventTypes
{
    public const string IncidentReported = "incident.reported";
    public const string IncidentAccepted = "incident.accepted";
    public const string IncidentAssigned = "incident.assigned";
    public const string IncidentResolved = "incident.resolved";
    public const string IncidentVerified = "incident.verified";
    public const string IncidentClosed = "incident.closed";
    public const string IncidentReopened = "incident.reopened";

    public const string TicketReceived = "ticket.received";
    public const string TicketAssigned = "ticket.assigned";
    public const string TicketFeedback = "ticket.feedback";
    public const string TicketVerified = "ticket.verified";
    public const string TicketClosed = "ticket.closed";
    public const string TicketEvaluated = "ticket.evaluated";
    public const string TicketReopened = "ticket.reopened";

    public const string WhistleBlown = "whistle.blown";
    public const string WhistleDepartmentReported = "whistle.department-reported";
    public const string WhistleEscalated = "whistle.escalated";
    public const string WhistleResolved = "whistle.resolved";
    public const string WhistleClosed = "whistle.closed";
    public const string WhistleEvaluated = "whistle.evaluated";

    public const string DispatchCreated = "dispatch.created";
    public const string DispatchAcknowledged = "dispatch.acknowledged";
    public const string DispatchEnRoute = "dispatch.en-route";
    public const string DispatchOnScene = "dispatch.on-scene";
    public const string DispatchCompleted = "dispatch.completed";
    public const string DispatchCancelled = "dispatch.cancelled";

    public const string TeamStatusChanged = "team.status-changed";
    public const string DeadlineMissed = "deadline.missed";

    /// <summary>The pipeline's own notices in the log (family <c>log</c>); never appended by producers or people.</summary>
    public const string LogDeadLettered = "log.dead-lettered";
    public const string LogArchived = "log.archived";
    public const string LogRulesAdopted = "log.rules-adopted";

    public static readonly FrozenDictionary<string, Type> PayloadTypes = new Dictionary<string, Type>
    {
        [IncidentReported] = typeof(Events.IncidentReported),
        [IncidentAccepted] = typeof(Events.IncidentAccepted),
        [IncidentAssigned] = typeof(Events.IncidentAssigned),
        [IncidentResolved] = typeof(Events.IncidentResolved),
        [IncidentVerified] = typeof(Events.IncidentVerified),
        [IncidentClosed] = typeof(Events.IncidentClosed),
        [IncidentReopened] = typeof(Events.IncidentReopened),
        [TicketReceived] = typeof(Events.TicketReceived),
        [TicketAssigned] = typeof(Events.TicketAssigned),
        [TicketFeedback] = typeof(Events.TicketFeedback),
        [TicketVerified] = typeof(Events.TicketVerified),
        [TicketClosed] = typeof(Events.TicketClosed),
        [TicketEvaluated] = typeof(Events.TicketEvaluated),
        [TicketReopened] = typeof(Events.TicketReopened),
        [WhistleBlown] = typeof(Events.WhistleBlown),
        [WhistleDepartmentReported] = typeof(Events.WhistleDepartmentReported),
        [WhistleEscalated] = typeof(Events.WhistleEscalated),
        [WhistleResolved] = typeof(Events.WhistleResolved),
        [WhistleClosed] = typeof(Events.WhistleClosed),
        [WhistleEvaluated] = typeof(Events.WhistleEvaluated),
        [DispatchCreated] = typeof(Events.DispatchCreated),
        [DispatchAcknowledged] = typeof(Events.DispatchAcknowledged),
        [DispatchEnRoute] = typeof(Events.DispatchEnRoute),
        [DispatchOnScene] = typeof(Events.DispatchOnScene),
        [DispatchCompleted] = typeof(Events.DispatchCompleted),
        [DispatchCancelled] = typeof(Events.DispatchCancelled),
        [TeamStatusChanged] = typeof(Events.TeamStatusChanged),
        [DeadlineMissed] = typeof(Events.DeadlineMissed),
        [LogDeadLettered] = typeof(Events.LogDeadLettered),
        [LogArchived] = typeof(Events.LogArchived),
        [LogRulesAdopted] = typeof(Events.LogRulesAdopted),
    }.ToFrozenDictionary();

    /// <summary>
    /// The producers' catalog: every type but the pipeline's own notices (family <c>log</c>), which no producer,
    /// person or key may append.
    /// </summary>
    public static readonly FrozenSet<string> Domain = PayloadTypes.Keys.Where(t => !t.StartsWith("log.", StringComparison.Ordinal)).ToFrozenSet();

    public static readonly FrozenDictionary<Type, string> NamesByPayload =
        PayloadTypes.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    public static string NameOf(IEventPayload payload) => NamesByPayload[payload.GetType()];
}
