using System.Text.RegularExpressions;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Docs;

/// <summary>
/// docs/events.md is the contract producers read; these tests keep its examples true: every <c>redis-cli XADD</c>
/// line parses and applies in order, again with fresh UUIDs, and every type's example payload is valid.
/// </summary>
public sealed partial class EventsDocTests
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "events.md")));

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no CommandCenter.sln above {AppContext.BaseDirectory}");
    }

    private static List<string> XaddLines() =>
        [.. Lines.Value.Select(l => l.Trim()).Where(l => l.StartsWith("redis-cli XADD", StringComparison.Ordinal))];

    /// <summary><c>redis-cli XADD key id field value …</c> → the entry's fields.</summary>
    private static Dictionary<string, string> Fields(string line)
    {
        var words = ShellWords.Split(line);
        Assert.True(words.Count >= 4 && words[2] == "cc:events" && words[3] == "*", $"expected 'redis-cli XADD cc:events * …': {line}");
        var pairs = words.Skip(4).ToList();
        Assert.True(pairs.Count % 2 == 0, $"fields and values do not pair up: {line}");
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Count; i += 2)
            Assert.True(fields.TryAdd(pairs[i], pairs[i + 1]), $"field '{pairs[i]}' given twice: {line}");
        return fields;
    }

    private static DistrictState ApplyAll(IEnumerable<string> lines, DistrictState state)
    {
        foreach (var line in lines)
        {
            var parsed = Flow.Parser.Parse(Fields(line));
            Assert.True(parsed.IsValid, $"{parsed.Error}\n  in: {line}");
            var result = Flow.Reducer.Apply(state, parsed.Envelope!);
            Assert.True(result.IsApplied, $"{result.Outcome}: {result.Reason}\n  in: {line}");
            state = result.State;
        }
        return state;
    }

    [Fact]
    public void RedisCliExamples_AppliedInOrderFromEmpty_AreAllApplied()
    {
        var lines = XaddLines();
        Assert.NotEmpty(lines);

        var state = ApplyAll(lines, DistrictState.Empty);

        Assert.Equal(lines.Count, state.AppliedCount);
    }

    [Fact]
    public void RedisCliExamples_AgainWithFreshUuidsOnTopOfTheFirstRun_AreAllAppliedAgain()
    {
        var lines = XaddLines();
        var first = ApplyAll(lines, DistrictState.Empty);
        var fresh = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var renewed = lines.Select(l => Uuid().Replace(l, m =>
        {
            if (!fresh.TryGetValue(m.Value, out var replacement))
                fresh[m.Value] = replacement = Guid.NewGuid().ToString();
            return replacement;
        })).ToList();

        var second = ApplyAll(renewed, first);

        Assert.Equal(2 * lines.Count, second.AppliedCount);
        Assert.Equal(2 * first.Incidents.Count, second.Incidents.Count);
        Assert.Equal(2 * first.Whistles.Count, second.Whistles.Count);
        Assert.All(second.Teams.Values, t => Assert.Null(t.ActiveDispatchId));
    }

    [Fact]
    public void RedisCliExamples_EveryEnvelopeAndEntityId_IsAUuidUsedConsistently()
    {
        var lines = XaddLines();
        var envelopeIds = lines.Select(l => Fields(l)[EnvelopeFields.Id]).ToList();

        Assert.All(envelopeIds, id => Assert.Matches($"^{Uuid()}$", id));
        Assert.Equal(envelopeIds.Count, envelopeIds.Distinct().Count());
        var entityIds = lines.SelectMany(l => Uuid().Matches(Fields(l)[EnvelopeFields.Data]).Select(m => m.Value)).ToHashSet();
        Assert.DoesNotContain(envelopeIds, entityIds.Contains);
    }

    [Fact]
    public void RedisCliExamples_CoverEveryEventType()
    {
        var types = XaddLines().Select(l => Fields(l)[EnvelopeFields.Type]).ToHashSet();

        Assert.All(EventTypes.Domain, type => Assert.True(types.Contains(type), $"no redis-cli example of '{type}'"));
    }

    [Fact]
    public void RedisCliExamples_DueTimesComeAfterTheEventAndMissesAfterTheDueTime()
    {
        foreach (var line in XaddLines())
        {
            var parsed = Flow.Parser.Parse(Fields(line));
            Assert.True(parsed.IsValid, $"{parsed.Error}\n  in: {line}");
            var envelope = parsed.Envelope!;
            switch (envelope.Payload)
            {
                case IncidentReported { DueAt: { } due }:
                    Assert.True(due > envelope.OccurredAt, line);
                    break;
                case TicketReceived p:
                    Assert.True(p.DueAt > envelope.OccurredAt, line);
                    break;
                case WhistleBlown p:
                    Assert.True(p.ReportDueAt > envelope.OccurredAt, line);
                    break;
                case DeadlineMissed p:
                    Assert.True(envelope.OccurredAt > p.DueAt, line);
                    break;
            }
        }
    }

    /// <summary>Each type's section (a "### `type`" heading) holds one ```json example of its data.</summary>
    [Fact]
    public void TypeSections_EveryEventTypeHasAValidExamplePayload()
    {
        var examples = new Dictionary<string, string>();
        string? section = null;
        for (var i = 0; i < Lines.Value.Length; i++)
        {
            var line = Lines.Value[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
                section = null;
            else if (line.StartsWith("### `", StringComparison.Ordinal))
                section = line[5..line.IndexOf('`', 5)];
            else if (section is not null && line.Trim() == "```json" && !examples.ContainsKey(section))
                examples[section] = string.Join('\n', Lines.Value.Skip(i + 1).TakeWhile(l => l.Trim() != "```"));
        }

        Assert.All(EventTypes.PayloadTypes.Keys, type =>
        {
            Assert.True(examples.TryGetValue(type, out var data), $"no example data for '{type}'");
            var fields = new Dictionary<string, string>
            {
                [EnvelopeFields.Id] = Guid.NewGuid().ToString(), [EnvelopeFields.Type] = type, [EnvelopeFields.OccurredAt] = "2026-11-27T09:00:00+08:00",
                [EnvelopeFields.Source] = "docs", [EnvelopeFields.Street] = Flow.Street, [EnvelopeFields.Version] = "1", [EnvelopeFields.Data] = data!,
            };
            var parsed = Flow.Parser.Parse(fields);
            Assert.True(parsed.IsValid, $"example of {type}: {parsed.Error}");
        });
    }
}
