using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>Replay is exact: the same envelopes from Empty always give the same entities, outcomes and KPIs.</summary>
public sealed class ReducerDeterminismTests
{
    [Fact]
    public void Apply_SameLogTwiceFromEmpty_GivesEqualEntitiesOutcomesAndKpis()
    {
        var log = MixedLog(new Random(20261127));
        var now = log[^1].OccurredAt.AddHours(1);

        var (first, firstOutcomes) = Replay(log, new DistrictReducer(Flow.Model));
        var (second, secondOutcomes) = Replay(log, new DistrictReducer(Flow.Model));

        Assert.Equal(firstOutcomes, secondOutcomes);
        Assert.Contains(OutcomeKind.Applied, firstOutcomes);
        Assert.Contains(OutcomeKind.Rejected, firstOutcomes);
        Assert.Contains(OutcomeKind.Duplicate, firstOutcomes);
        AssertSameEntries(first.Incidents, second.Incidents);
        AssertSameEntries(first.Tickets, second.Tickets);
        AssertSameEntries(first.Dispatches, second.Dispatches);
        AssertSameEntries(first.Teams, second.Teams);
        Assert.Equal(first.Whistles.Count, second.Whistles.Count);
        foreach (var (id, whistle) in first.Whistles)
        {
            // ImmutableArray compares by reference, so the summoned departments are compared item by item.
            Assert.Equal(whistle with { Departments = [] }, second.Whistles[id] with { Departments = [] });
            Assert.Equal(whistle.Departments.AsEnumerable(), second.Whistles[id].Departments.AsEnumerable());
        }
        Assert.Equal(first.AppliedCount, second.AppliedCount);
        Assert.True(first.Recent.SameAs(second.Recent), "the idempotency windows differ");

        var calculator = new KpiCalculator(Flow.Model);
        var firstKpis = calculator.Calculate(first, now);
        Assert.Equal(firstKpis, calculator.Calculate(second, now));
        Assert.True(firstKpis.District.Incidents.ReportedToday + firstKpis.District.Tickets.Open > 0, "the log should leave something to count");
    }

    private static (DistrictState State, List<OutcomeKind> Outcomes) Replay(IReadOnlyList<EventEnvelope> log, DistrictReducer reducer)
    {
        var state = DistrictState.Empty;
        var outcomes = new List<OutcomeKind>(log.Count);
        foreach (var envelope in log)
        {
            var result = reducer.Apply(state, envelope);
            outcomes.Add(result.Outcome);
            state = result.State;
        }
        return (state, outcomes);
    }

    private static void AssertSameEntries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> expected, IReadOnlyDictionary<TKey, TValue> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, value) in expected)
            Assert.Equal(value, actual[key]);
    }

    /// <summary>Flows of every family across all streets, cut off at random stages, plus refused and re-sent events.</summary>
    private static List<EventEnvelope> MixedLog(Random random)
    {
        var flow = new Flow { Now = new DateTimeOffset(2026, 11, 27, 7, 0, 0, Flow.China) };
        foreach (var street in Flow.Model.Streets.Select(s => s.Code))
        {
            for (var round = 0; round < 4; round++)
            {
                var incident = flow.IncidentAt((IncidentStatus)random.Next(7), street, flow.Now.AddHours(random.Next(1, 6)));
                flow.TicketAt((TicketStatus)random.Next(7), street, flow.Now.AddHours(random.Next(1, 30)), (Satisfaction)random.Next(3));
                flow.WhistleAt((WhistleStatus)random.Next(4), street, (WhistleLevel)random.Next(1, 3));
                var team = Flow.Team(street, round);
                flow.DispatchAt((DispatchStatus)random.Next(6), street, team, flow.State.Incidents[incident].IsOpen ? incident : null);

                // Refused on purpose: a transition from the wrong state and an unknown entity.
                flow.Apply(new IncidentReported(incident, Flow.Grid(street), "重复上报", 3, "同一事件再次上报"), street);
                flow.Apply(new TicketFeedback(Guid.NewGuid(), "不存在的工单"), street);
            }
            flow.Log.Add(flow.Log[random.Next(flow.Log.Count)]); // an at-least-once re-delivery
        }
        return flow.Log;
    }
}
