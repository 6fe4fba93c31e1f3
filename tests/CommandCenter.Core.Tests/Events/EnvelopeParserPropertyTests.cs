using System.Text;
using System.Text.Json.Nodes;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.Simulation;
using CommandCenter.Core.State;
using CsCheck;

namespace CommandCenter.Core.Tests.Events;

/// <summary>
/// The parser is total (issue "the log is the truth under every fault", deliverable 1): whatever a producer or a
/// damaged store puts in a log entry, parsing gives an envelope or a reason and never throws, and an envelope that
/// passes never needs the reducer's safety net. Random entries and mutations of valid ones (every event type, from
/// the simulator) are fed for a bounded time; a failure prints CsCheck's seed to reproduce it.
/// </summary>
public sealed class EnvelopeParserPropertyTests
{
    private static readonly EnvelopeParser Parser = new(DistrictModel.Gulou);
    private static readonly DistrictReducer Reducer = new(DistrictModel.Gulou);
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));
    private const int Seconds = 4;

    /// <summary>A morning of simulated events of every family, and the state they lead to (where mutations land).</summary>
    private static readonly (IReadOnlyList<Dictionary<string, string>> Entries, DistrictState State) Day = Simulate();

    private static (IReadOnlyList<Dictionary<string, string>>, DistrictState) Simulate()
    {
        var simulator = new DistrictSimulator(DistrictModel.Gulou, 11);
        var entries = new List<Dictionary<string, string>>();
        for (var step = 1; step <= 200; step++)
            entries.AddRange(simulator.Next(Morning.AddSeconds(10 * step), 10));
        var state = DistrictState.Empty;
        foreach (var fields in entries)
            state = Reducer.Apply(state, Parser.Parse(fields).Envelope!).State;
        return (entries, state);
    }

    private static readonly string[] Odd =
    [
        "", " ", "null", "{}", "[]", "[null]", "{\"a\":null}", "\"\"", "0", "-1", "1e400", "123456789012345678901234567890",
        "NaN", "true", "\uD800", "\uDFFF\uD800", "\0", "<script>alert(1)</script>", "宁海路", "😀", new string('x', 70_000),
        new string('[', 5_000) + new string(']', 5_000), string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000),
    ];

    /// <summary>Replacements for one JSON value: wrong types, nulls, huge numbers, deep nesting, broken text.</summary>
    private static readonly string[] OddJson =
    [
        "null", "\"\"", "0", "-1", "1.5", "1e308", "-1e308", "123456789012345678901234567890", "true", "[]", "{}", "[null]",
        "[null,null]", "{\"x\":null}", "\"\\ud800\"", "\"\\u0000\"", "\"not-a-uuid\"", "\"2026-13-45T99:99:99Z\"",
        "[" + string.Join(",", Enumerable.Repeat("{\"department\":null,\"score\":1}", 3)) + "]",
        new string('[', 300) + new string(']', 300), "\"" + new string('长', 5_000) + "\"",
    ];

    private static readonly Gen<string> OddText = Gen.OneOf(Gen.OneOf(Odd), Gen.String, Gen.Char.Array[0, 40].Select(c => new string(c)));

    private static readonly Gen<Dictionary<string, string>> RandomEntries =
        Gen.Select(Gen.OneOf([.. EnvelopeFields.All, "reason", "x"]), OddText).Array[0, 10]
            .Select(pairs => pairs.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2));

    /// <summary>A valid entry with one field, or one value inside its data, replaced by something odd.</summary>
    private static readonly Gen<Dictionary<string, string>> MutatedEntries =
        Gen.Select(Gen.Int[0, Day.Entries.Count - 1], Gen.Int[0, 3], Gen.Int[0, 10_000], Gen.OneOf(OddJson), OddText)
            .Select(pick => Mutate(new Dictionary<string, string>(Day.Entries[pick.Item1]), pick.Item2, pick.Item3, pick.Item4, pick.Item5));

    private static Dictionary<string, string> Mutate(Dictionary<string, string> fields, int how, int where, string json, string text)
    {
        switch (how)
        {
            case 0: // a field of the envelope itself
                fields[EnvelopeFields.All[where % EnvelopeFields.All.Count]] = text;
                break;
            case 1: // one JSON value inside data, at any depth
                fields[EnvelopeFields.Data] = ReplaceValue(fields[EnvelopeFields.Data], where, json);
                break;
            case 2: // data cut short, or a character swapped for one outside the text
                var data = fields[EnvelopeFields.Data];
                var at = where % (data.Length + 1);
                fields[EnvelopeFields.Data] = where % 2 == 0 ? data[..at] : data[..at] + text + data[at..];
                break;
            default: // every array inside data given a null element
                fields[EnvelopeFields.Data] = NullInEveryArray(fields[EnvelopeFields.Data]);
                break;
        }
        return fields;
    }

    private static string ReplaceValue(string data, int where, string replacement)
    {
        var root = JsonNode.Parse(data)!;
        var slots = Slots(root).ToList();
        var (parent, key, index) = slots[where % slots.Count];
        const string marker = "\u0001MUTATION\u0001";
        if (parent is JsonObject obj) obj[key!] = marker;
        else ((JsonArray)parent)[index] = marker;
        return root.ToJsonString().Replace("\"\\u0001MUTATION\\u0001\"", replacement, StringComparison.Ordinal);
    }

    /// <summary>Every place a value sits: (its container, the property name or the array index).</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        if (node is JsonObject obj)
            foreach (var (key, child) in obj.ToList())
            {
                yield return (obj, key, -1);
                if (child is not null) foreach (var slot in Slots(child)) yield return slot;
            }
        else if (node is JsonArray array)
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, null, i);
                if (array[i] is { } child) foreach (var slot in Slots(child)) yield return slot;
            }
    }

    private static string NullInEveryArray(string data)
    {
        var root = JsonNode.Parse(data)!;
        foreach (var array in Slots(root).Select(s => s.Parent).OfType<JsonArray>().Distinct().ToList())
            array.Add(null);
        return root.ToJsonString();
    }

    /// <summary>The property: an envelope or a reason, never an exception; a passing envelope needs no safety net.</summary>
    private static void ParsesTotally(Dictionary<string, string> fields)
    {
        var result = Parser.Parse(fields);
        Assert.True(result.IsValid != (result.Error is not null), "exactly one of envelope and reason");
        if (result.Envelope is not { } envelope) return;
        foreach (var state in new[] { DistrictState.Empty, Day.State })
        {
            var reduction = Reducer.Apply(state, envelope);
            Assert.False(reduction.Reason?.StartsWith("the reducer could not apply it", StringComparison.Ordinal) ?? false,
                $"{envelope.Type} {envelope.DataJson}: {reduction.Reason}");
        }
    }

    [Fact]
    public void Parse_RandomEntries_GiveAnEnvelopeOrAReason() =>
        RandomEntries.Sample(ParsesTotally, iter: int.MaxValue, time: Seconds);

    [Fact]
    public void Parse_MutatedValidEntries_GiveAnEnvelopeOrAReason() =>
        MutatedEntries.Sample(ParsesTotally, iter: int.MaxValue, time: Seconds * 2);

    [Fact]
    public void Parse_NullInEveryArrayOfEveryType_IsRefusedWithAReason()
    {
        foreach (var type in Day.Entries.GroupBy(e => e[EnvelopeFields.Type]))
        {
            var fields = new Dictionary<string, string>(type.First());
            var withArrays = NullInEveryArray(fields[EnvelopeFields.Data]);
            if (withArrays == JsonNode.Parse(fields[EnvelopeFields.Data])!.ToJsonString()) continue;
            fields[EnvelopeFields.Data] = withArrays;
            var result = Parser.Parse(fields);
            Assert.False(result.IsValid, $"{type.Key} with a null array element was accepted");
            Assert.Contains("null", result.Error);
        }
    }

    [Fact]
    public void Parse_WhistleEvaluatedWithANullRating_IsRefusedWithAReason()
    {
        var fields = EnvelopeWriter.ToFields(new WhistleEvaluated(Guid.NewGuid(), [new DepartmentRating("chengguan", 90)]),
            "ninghailu", "console", Morning);
        fields[EnvelopeFields.Data] = fields[EnvelopeFields.Data].Replace("[{", "[null,{", StringComparison.Ordinal);

        var result = Parser.Parse(fields);

        Assert.Equal("whistle.evaluated: ratings holds null", result.Error);
    }

    [Fact]
    public void Parse_TextWithALoneSurrogate_IsRefusedWithAReason()
    {
        var fields = new Dictionary<string, string>(Day.Entries[0]);
        fields[EnvelopeFields.Source] = "grid-app\uD800";

        Assert.Equal("field 'source' is not well-formed Unicode text (a lone surrogate)", Parser.Parse(fields).Error);
    }

    [Fact]
    public void Parse_AnEntryTheStoreCouldNotDecode_IsRefusedWithTheStoresReason()
    {
        var entry = new CommandCenter.Core.EventLog.LogEntry(new(1, 0), Day.Entries[0], 1, "field 'data' is not valid UTF-8");

        Assert.Equal("field 'data' is not valid UTF-8", Parser.Parse(entry).Error);
    }

    [Fact]
    public void Parse_EscapedLoneSurrogateInData_IsRefusedWithAReason()
    {
        var fields = EnvelopeWriter.ToFields(new TicketFeedback(Guid.NewGuid(), "已处理"), "ninghailu", "hotline-12345", Morning);
        fields[EnvelopeFields.Data] = fields[EnvelopeFields.Data].Replace("已处理", "\\ud800", StringComparison.Ordinal);

        var result = Parser.Parse(fields);

        Assert.False(result.IsValid);
        Assert.StartsWith("ticket.feedback: data", result.Error);
    }

    [Fact]
    public void Clip_ALongReasonCutInsideASurrogatePair_KeepsThePairWhole()
    {
        var fields = new Dictionary<string, string>(Day.Entries[0]) { [EnvelopeFields.Type] = new string('a', 79) + "😀tail" };

        var error = Parser.Parse(fields).Error!;

        Assert.True(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(error)) == error, error);
    }
}
