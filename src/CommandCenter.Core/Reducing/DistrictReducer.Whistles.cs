using System.Collections.Immutable;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Reducing;

public sealed partial class DistrictReducer
{
    private Reduction Blown(DistrictState state, EventEnvelope e, WhistleBlown p)
    {
        if (state.Whistles.ContainsKey(p.WhistleId))
            return Reject(state, RejectionCode.AlreadyExists, $"whistle {p.WhistleId} was already blown");
        if (WhistleActorProblem(e, null) is { } refused)
            return Reject(state, refused);
        if (p.Departments.FirstOrDefault(d => !district.DepartmentsByCode.ContainsKey(d)) is { } unknown)
            return Reject(state, RejectionCode.UnknownReference, $"unknown department '{unknown}'");
        if (p.ReportDueAt <= e.OccurredAt)
            return Reject(state, RejectionCode.InvalidDeadline, "the report-in deadline must be after the whistle is blown");

        var whistle = new Whistle(p.WhistleId, e.Street, p.Level, p.Title, p.Description, p.SourceRef, WhistleStatus.Blown,
            e.OccurredAt, p.ReportDueAt, [.. p.Departments.Select(d => new SummonedDepartment(d, null, false, null))],
            ClosedAt: null, BlownBy: CreditedActor(state, e)?.UserId, e.Id, e.OccurredAt);
        return Ok(state with { Whistles = state.Whistles.Add(whistle.Id, whistle) }, Key(whistle));
    }

    private static Reduction DepartmentReported(DistrictState state, EventEnvelope e, WhistleDepartmentReported p) =>
        WhistleStep(state, e, p.WhistleId, [WhistleStatus.Blown], w =>
            w.Departments.FirstOrDefault(d => d.Department == p.Department) switch
            {
                null => (RejectionCode.NotSummoned, $"department '{p.Department}' was not summoned by whistle {w.Id}"),
                { ReportedAt: not null } => (RejectionCode.AlreadyReportedIn, $"department '{p.Department}' has already reported in"),
                var summoned => w with { Departments = w.Departments.Replace(summoned, summoned with { ReportedAt = e.OccurredAt }) },
            });

    private static Reduction Escalated(DistrictState state, EventEnvelope e, WhistleEscalated p) =>
        WhistleStep(state, e, p.WhistleId, [WhistleStatus.Blown, WhistleStatus.Resolved], w =>
            p.ToLevel <= w.Level ? (RejectionCode.LevelNotRaised, $"an escalation must raise the level: whistle {w.Id} is already {Level(w.Level)}")
            : p.ReportDueAt is { } due && due <= e.OccurredAt ? (RejectionCode.InvalidDeadline, "the new report-in deadline must be after the escalation")
            : w with
            {
                Level = p.ToLevel,
                ReportDueAt = p.ReportDueAt ?? w.ReportDueAt,
                // A miss recorded before misses named their deadline belongs to the deadline being replaced.
                Departments = p.ReportDueAt is null ? w.Departments
                    : [.. w.Departments.Select(d => d is { Missed: true, MissedDueAt: null } ? d with { MissedDueAt = w.ReportDueAt } : d)],
            });

    private static Reduction Resolved(DistrictState state, EventEnvelope e, WhistleResolved p) =>
        WhistleStep(state, e, p.WhistleId, [WhistleStatus.Blown], w =>
            w.Departments.Any(d => d.ReportedAt is not null)
                ? w with { Status = WhistleStatus.Resolved }
                : (RejectionCode.NoReportInYet, $"no summoned department has reported in to whistle {w.Id} yet"));

    private static Reduction Closed(DistrictState state, EventEnvelope e, WhistleClosed p) =>
        WhistleStep(state, e, p.WhistleId, [WhistleStatus.Resolved], w => w with { Status = WhistleStatus.Closed, ClosedAt = e.OccurredAt });

    private static Reduction Evaluated(DistrictState state, EventEnvelope e, WhistleEvaluated p) =>
        WhistleStep(state, e, p.WhistleId, [WhistleStatus.Closed], w =>
            p.Ratings.FirstOrDefault(r => w.Departments.All(d => d.Department != r.Department)) is { } stranger
                ? (RejectionCode.NotSummoned, $"department '{stranger.Department}' was not summoned by whistle {w.Id}")
                : w with
                {
                    Status = WhistleStatus.Evaluated,
                    Departments = [.. w.Departments.Select(d => d with { Score = p.Ratings.FirstOrDefault(r => r.Department == d.Department)?.Score })],
                });

    /// <summary>Applies <paramref name="change"/>, which returns the next whistle or the reason it cannot.</summary>
    private static Reduction WhistleStep(
        DistrictState state, EventEnvelope e, Guid id, WhistleStatus[] from, Func<Whistle, OneOf> change)
    {
        if (!state.Whistles.TryGetValue(id, out var whistle))
            return Reject(state, RejectionCode.NotFound, $"whistle {id} does not exist");
        if (whistle.Street != e.Street)
            return Reject(state, RejectionCode.WrongStreet, $"whistle {id} belongs to street '{whistle.Street}', not '{e.Street}'");
        if (!from.Contains(whistle.Status))
            return Reject(state, RejectionCode.InvalidTransition, $"{e.Type} is not allowed when whistle {id} is {Words(whistle.Status)}");
        if (WhistleActorProblem(e, whistle) is { } refused)
            return Reject(state, refused);

        var result = change(whistle);
        if (result.Reason is not null)
            return Reject(state, result.Code, result.Reason);
        var next = result.Whistle! with { LastEventId = e.Id, UpdatedAt = e.OccurredAt };
        return Ok(state with { Whistles = state.Whistles.SetItem(id, next) }, Key(next));
    }

    private static string Level(WhistleLevel level) => level switch
    {
        WhistleLevel.WorkAdvance => "work-advance",
        WhistleLevel.ToughProblem => "tough-problem",
        _ => "district",
    };

    private static EntityKey Key(Whistle w) => new(EntityKind.Whistle, w.Id.ToString());

    /// <summary>A next whistle or a rejection (its code and reason), so each rule reads as one expression.</summary>
    private readonly record struct OneOf(Whistle? Whistle, RejectionCode Code, string? Reason)
    {
        public static implicit operator OneOf(Whistle whistle) => new(whistle, RejectionCode.None, null);
        public static implicit operator OneOf((RejectionCode Code, string Reason) rejection) => new(null, rejection.Code, rejection.Reason);
    }
}
