using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Tests.Simulation;

/// <summary>Feeds simulator output through the parser and the reducer, as the pipeline would, and keeps what happened.</summary>
internal sealed class SimulatorRun(DistrictState? start = null)
{
    private static readonly EnvelopeParser Parser = new(DistrictModel.Gulou);
    private static readonly DistrictReducer Reducer = new(DistrictModel.Gulou);

    public DistrictState State { get; private set; } = start ?? DistrictState.Empty;
    public List<EventEnvelope> Applied { get; } = [];
    public List<string> Problems { get; } = [];

    public void Apply(IEnumerable<IReadOnlyDictionary<string, string>> entries)
    {
        foreach (var fields in entries)
        {
            var parsed = Parser.Parse(fields);
            if (!parsed.IsValid)
            {
                Problems.Add($"parse: {parsed.Error}");
                continue;
            }
            var reduction = Reducer.Apply(State, parsed.Envelope!);
            State = reduction.State;
            if (reduction.Outcome == Core.Reducing.OutcomeKind.Notice)
                continue; // the housekeeping's notices change no entity
            if (reduction.IsApplied)
                Applied.Add(parsed.Envelope!);
            else
                Problems.Add($"{parsed.Envelope!.Type}: {reduction.Outcome} {reduction.Reason}");
        }
    }
}
