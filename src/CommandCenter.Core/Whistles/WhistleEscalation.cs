using CommandCenter.Core.Deadlines;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Whistles;

/// <summary>
/// The escalation rule: a blown whistle whose report-in deadline has passed with departments still waiting goes one
/// level up — work-advance (工作推进哨) → tough-problem (攻坚克难哨) → district coordination (区级协调), never beyond —
/// with the new level's report-in time counted from now. A miss at the district level is recorded and goes no further.
/// The leader's deadline watcher appends what this finds, after the misses it records.
/// </summary>
public static class WhistleEscalation
{
    public static IEnumerable<(WhistleEscalated Escalation, string Street, Guid Id)> Find(DistrictState state, DateTimeOffset now, ReportInTimes times)
    {
        foreach (var whistle in state.Whistles.Values)
        {
            if (whistle.Status != WhistleStatus.Blown || !Overdue.IsPast(whistle.ReportDueAt, now) || whistle.Level >= WhistleLevel.District)
                continue;
            var waiting = whistle.Departments.Where(d => d.ReportedAt is null).Select(d => d.Department).ToList();
            if (waiting.Count == 0)
                continue;
            var next = whistle.Level + 1;
            var reason = $"report-in deadline {whistle.ReportDueAt:O} missed by {string.Join(", ", waiting)}";
            yield return (new WhistleEscalated(whistle.Id, next, reason, now + times.For(next)), whistle.Street,
                NameBasedId.From($"whistle.escalated|{whistle.Id}|{whistle.Level}|{whistle.ReportDueAt.UtcTicks}"));
        }
    }
}
