using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.Simulation.History;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Deadlines;

namespace CommandCenter.Infrastructure.Tests.Simulation;

/// <summary>
/// The live simulator taking over a generated week, as it does after a backfill, with the deadline watcher's rules
/// judging every 30 s: nothing either of them appends is refused, and the history's open work is carried on.
/// </summary>
public sealed class BackfillContinuationTests
{
    private static readonly DateTimeOffset End = new(2026, 4, 20, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly EnvelopeParser _parser = new(DistrictModel.Gulou);
    private readonly DistrictReducer _reducer = new(DistrictModel.Gulou);
    private readonly List<string> _problems = [];
    private DistrictState _state = DistrictState.Empty;

    private void Apply(IEnumerable<IReadOnlyDictionary<string, string>> entries)
    {
        foreach (var fields in entries)
        {
            var parsed = _parser.Parse(fields);
            if (parsed.Envelope is not { } envelope)
            {
                _problems.Add(parsed.Error!);
                continue;
            }
            var reduction = _reducer.Apply(_state, envelope);
            _state = reduction.State;
            if (!reduction.IsApplied && reduction.Outcome != CommandCenter.Core.Reducing.OutcomeKind.Notice)
                _problems.Add($"{envelope.Type} at {envelope.OccurredAt:O}: {reduction.Reason}");
        }
    }

    /// <summary>What the deadline watcher would append now (DeadlineWatcher.ScanOnceAsync, without the log).</summary>
    private IEnumerable<Dictionary<string, string>> WatcherScan(DateTimeOffset now)
    {
        foreach (var (miss, street) in Core.Deadlines.MissedDeadlines.Find(_state, now).ToList())
            yield return EnvelopeWriter.ToFields(miss, street, DeadlineWatcher.Source, now, Core.Deadlines.MissedDeadlines.IdOf(miss));
        foreach (var (escalation, street, id) in Core.Whistles.WhistleEscalation.Find(_state, now, new WhistleOptions().Times).ToList())
            yield return EnvelopeWriter.ToFields(escalation, street, DeadlineWatcher.Source, now, id);
    }

    [Fact]
    public void Resume_AfterAGeneratedWeek_CarriesOnWithTheWatcherAndNoRejections()
    {
        Apply(new HistoryGenerator(DistrictModel.Gulou).LastDays(7, End, seed: 77));
        Assert.Empty(_problems);
        var openTickets = _state.Tickets.Values.Where(t => t.IsOpen).Select(t => t.Id).ToList();
        var openIncidents = _state.Incidents.Values.Where(i => i.IsOpen).Select(i => i.Id).ToList();
        Assert.True(openTickets.Count > 300 && openIncidents.Count > 100, $"{openTickets.Count} tickets, {openIncidents.Count} incidents open");
        Assert.Contains(_state.Teams.Values, t => t.ActiveDispatchId is not null || t.Status == TeamStatus.OffDuty);

        // The app starts a few seconds after the backfill's end.
        var start = End.AddSeconds(8);
        Apply(WatcherScan(start));
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 11);
        simulator.Resume(_state, start);
        for (var now = start.AddSeconds(30); now <= start.AddHours(2); now = now.AddSeconds(30))
        {
            Apply(simulator.Next(now, 100));
            Apply(WatcherScan(now));
        }

        Assert.True(_problems.Count == 0, string.Join("\n", _problems.Take(10)));
        Assert.True(openTickets.Count(id => !_state.Tickets[id].IsOpen) > openTickets.Count * 0.8,
            $"{openTickets.Count(id => !_state.Tickets[id].IsOpen)} of {openTickets.Count} open tickets carried to their end");
        Assert.True(openIncidents.Count(id => !_state.Incidents[id].IsOpen) > openIncidents.Count * 0.8);
    }
}
