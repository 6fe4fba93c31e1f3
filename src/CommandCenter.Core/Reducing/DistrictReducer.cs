using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

/// <summary>
/// The one reducer (docs/architecture.md): <c>state + event → state + outcome</c>. Pure and deterministic: no clock,
/// no I/O, no randomness; times come from the events. Invalid transitions are rejected with a reason, never thrown.
/// </summary>
public sealed partial class DistrictReducer(DistrictModel district)
{
    /// <summary>
    /// The version of the rules. Bump it whenever a rule changes what an event does: stored state snapshots carry it,
    /// and a snapshot of another version is not trusted but rebuilt from the event history.
    /// </summary>
    public const int Version = 4;

    /// <summary>
    /// The newest version of the rules this code knows (docs/decisions/0015). Which version reduces an event is the log's
    /// to say (<see cref="DistrictState.Rules"/>, raised by a <c>log.rules-adopted</c> notice), never the code's, so a log
    /// replays as it was recorded. 2: an event's <c>actor</c> counts only from the console, and every console event (not
    /// only whistle events) is checked against the permission table from its actor.
    /// </summary>
    public const int LatestRules = 2;

    private readonly DistrictModel _district = district.Streets.Count == DayRollup.StreetCount ? district
        : throw new InvalidOperationException($"the rollups are sized for {DayRollup.StreetCount} streets; this district has {district.Streets.Count}");

    public DistrictModel District => _district;

    public Reduction Apply(DistrictState state, EventEnvelope envelope)
    {
        // The pipeline's own notices take no place in the idempotency window and change no entity in the database.
        switch (envelope.Payload)
        {
            case LogDeadLettered:
                return new Reduction(state, OutcomeKind.Notice, null, []);
            case LogArchived notice:
                return new Reduction(Archive(state, notice), OutcomeKind.Notice, null, []);
            case LogRulesAdopted notice:
                // Only ever raised: a notice naming older rules (or a forged one) cannot take the log back.
                return new Reduction(state with { Rules = Math.Max(state.Rules, notice.Rules) }, OutcomeKind.Notice, null, []);
        }

        // The parser admits only UUID ids; the window keys on their value, so letter case cannot hide a copy.
        var id = Guid.Parse(envelope.Id);
        if (state.Recent.Contains(id))
            return new Reduction(state, OutcomeKind.Duplicate, "already applied (same envelope id)", []);

        var seen = state with { Recent = state.Recent.Add(id) };
        Reduction result;
        try
        {
            result = ConsoleActorProblem(seen, envelope) is { } refused ? Reject(seen, refused) : ApplyPayload(seen, envelope);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A rule that throws is a bug, but the pipeline must not stall on it: every reader of the log reaches the
            // same verdict (the exception type depends only on state and event), so it stays a deterministic rejection.
            result = Reject(seen, RejectionCode.RuleFailed, $"the reducer could not apply it ({ex.GetType().Name})");
        }
        return result.IsApplied
            ? result with { State = Indexed(state, result) with { AppliedCount = state.AppliedCount + 1 } }
            : result with { State = seen };
    }

    private Reduction ApplyPayload(DistrictState state, EventEnvelope e) => e.Payload switch
    {
        IncidentReported p => Reported(state, e, p),
        IncidentAccepted p => Accepted(state, e, p),
        IncidentAssigned p => Assigned(state, e, p),
        IncidentResolved p => Resolved(state, e, p),
        IncidentVerified p => Verified(state, e, p),
        IncidentClosed p => Closed(state, e, p),
        IncidentReopened p => Reopened(state, e, p),
        TicketReceived p => Received(state, e, p),
        TicketAssigned p => Assigned(state, e, p),
        TicketFeedback p => Feedback(state, e, p),
        TicketVerified p => Verified(state, e, p),
        TicketClosed p => Closed(state, e, p),
        TicketEvaluated p => Evaluated(state, e, p),
        TicketReopened p => Reopened(state, e, p),
        WhistleBlown p => Blown(state, e, p),
        WhistleDepartmentReported p => DepartmentReported(state, e, p),
        WhistleEscalated p => Escalated(state, e, p),
        WhistleResolved p => Resolved(state, e, p),
        WhistleClosed p => Closed(state, e, p),
        WhistleEvaluated p => Evaluated(state, e, p),
        DispatchCreated p => Created(state, e, p),
        DispatchAcknowledged p => Advance(state, e, p.DispatchId, DispatchStatus.Acknowledged),
        DispatchEnRoute p => Advance(state, e, p.DispatchId, DispatchStatus.EnRoute),
        DispatchOnScene p => Advance(state, e, p.DispatchId, DispatchStatus.OnScene),
        DispatchCompleted p => End(state, e, p.DispatchId, DispatchStatus.Completed, p.Outcome),
        DispatchCancelled p => End(state, e, p.DispatchId, DispatchStatus.Cancelled, p.Reason),
        TeamStatusChanged p => TeamChanged(state, e, p),
        DeadlineMissed p => Missed(state, e, p),
        _ => Reject(state, RejectionCode.NoRule, $"no rule for {e.Type}"),
    };

    private static Reduction Reject(DistrictState state, RejectionCode code, string reason) => new(state, OutcomeKind.Rejected, reason, []) { Code = code };

    /// <summary>A status as the wire spells it (<c>en-route</c>, not <c>enroute</c>), so reasons read like the contract.</summary>
    private static string Words<TStatus>(TStatus status) where TStatus : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    private static Reduction Ok(DistrictState state, params EntityKey[] changed) => new(state, OutcomeKind.Applied, null, [.. changed]);
}
