using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;

namespace CommandCenter.Cli.Produce;

/// <summary>Where produced events come from: the district simulator or a file.</summary>
internal interface IEventSource
{
    /// <summary>Up to <paramref name="count"/> more entries; fewer (or none) when the source is exhausted.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, string>> Take(int count);
}

/// <summary>Realistic, valid flows of every family from the simulator, stamped with the current time.</summary>
internal sealed class GeneratedSource(int seed, TimeProvider time) : IEventSource
{
    private readonly DistrictSimulator _simulator = new(DistrictModel.Gulou, seed);

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Take(int count) => _simulator.Next(time.GetUtcNow(), count);
}

/// <summary>
/// Envelopes from a JSON-lines file, one object per line, in the envelope's shape (docs/events.md). <c>data</c> may be an object or a
/// string holding one; every other field is taken as text. A malformed line stops the run with its line number,
/// before anything after it is appended.
/// </summary>
internal sealed class JsonLinesSource(string path) : IEventSource
{
    private readonly IEnumerator<(string Text, int Number)> _lines =
        File.ReadLines(path).Select((text, index) => (text, index + 1)).Where(l => !string.IsNullOrWhiteSpace(l.text)).GetEnumerator();

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Take(int count)
    {
        var batch = new List<IReadOnlyDictionary<string, string>>(count);
        while (batch.Count < count && _lines.MoveNext())
            batch.Add(ToFields(_lines.Current.Text, _lines.Current.Number));
        return batch;
    }

    internal static Dictionary<string, string> ToFields(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"line {number} is not JSON: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"line {number} is not a JSON object");
            var fields = new Dictionary<string, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    _ => property.Value.GetRawText(),
                };
            }
            var missing = EnvelopeFields.All.Where(f => !fields.ContainsKey(f)).ToList();
            if (missing.Count > 0)
                throw new InvalidDataException($"line {number} lacks {string.Join(", ", missing)}");
            return fields;
        }
    }
}
