using System.Collections.Frozen;
using CommandCenter.Core.Events;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Infrastructure.Security;

/// <summary>
/// The producer systems and the event families each may append (section <c>Security:ProducerFamilies</c>, one key per
/// source: <c>"hotline-12345": "ticket"</c>): a producer API key is issued only for a configured source, and every ingest
/// endpoint refuses an event of a family its key's source may not append. By default the 12345 hotline platform appends
/// <c>ticket.*</c> (including the citizen's rating from its call-back), the grid app <c>incident.*</c>, the enforcement
/// system <c>dispatch.*</c> and <c>team.*</c>. Whistles come only from people at a console, deadlines and the log's notices
/// only from the app itself, so no producer may be given those families; and the app's own sources are never issued as
/// keys (<see cref="Reserved"/>). docs/decisions/0007.
/// </summary>
public sealed class ProducerSystems
{
    public const string Section = "Security:ProducerFamilies";

    /// <summary>The sources the app writes itself: the consoles (people), the simulator, the deadline watcher and the
    /// pipeline's projector and housekeeping. A key for one of them would let a system speak as the app.</summary>
    public static readonly FrozenSet<string> Reserved =
        new[] { ActorRoles.ConsoleSource, "simulator", "deadline-watcher", LogDeadLettered.Source, LogArchived.Source }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The families a producer may be given.</summary>
    public static readonly FrozenSet<string> ProducerFamilies = new[] { "incident", "ticket", "dispatch", "team" }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["hotline-12345"] = "ticket",
        ["grid-app"] = "incident",
        ["enforcement"] = "dispatch,team",
    };

    private readonly FrozenDictionary<string, FrozenSet<string>> _families;

    public ProducerSystems(IReadOnlyDictionary<string, string> families)
    {
        var parsed = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var (source, list) in families)
        {
            if (IsReserved(source))
                throw new InvalidOperationException($"{Section}: '{source}' is one of the app's own sources ({string.Join(", ", Reserved)}) and cannot be a producer");
            var set = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
            if (set.FirstOrDefault(f => !ProducerFamilies.Contains(f)) is { } wrong)
                throw new InvalidOperationException(
                    $"{Section}:{source}: '{wrong}' is not a family a producer may append (one of {string.Join(", ", ProducerFamilies)}; whistles come from the console, deadlines and notices from the app)");
            if (set.Count > 0)
                parsed[source] = set;
        }
        _families = parsed.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The defaults, with each source named in <paramref name="configuration"/>'s section replacing its default
    /// (an empty value removes a default producer).</summary>
    /// <exception cref="InvalidOperationException">A reserved source or a family no producer may append is configured.</exception>
    public static ProducerSystems From(IConfiguration configuration)
    {
        var families = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var child in configuration.GetSection(Section).GetChildren())
            families[child.Key] = child.Value ?? "";
        return new ProducerSystems(families);
    }

    public static ProducerSystems Default { get; } = new(Defaults);

    /// <summary>The configured sources, by name.</summary>
    public IEnumerable<string> Sources => _families.Keys.Order(StringComparer.Ordinal);

    public static bool IsReserved(string source) => Reserved.Contains(source.Trim());

    /// <summary>The families <paramref name="source"/> may append: none for an unknown or reserved source.</summary>
    public IReadOnlySet<string> FamiliesOf(string source) =>
        !IsReserved(source) && _families.TryGetValue(source, out var families) ? families : FrozenSet<string>.Empty;

    /// <summary>May <paramref name="source"/>'s key append an event of <paramref name="type"/>?</summary>
    public bool MayAppend(string source, string type) =>
        type.IndexOf('.') is > 0 and var dot && FamiliesOf(source).Contains(type[..dot]);

    /// <summary>Why no key may be issued for <paramref name="source"/>, or null when one may.</summary>
    public AdminProblem? ProblemIssuing(string source) =>
        IsReserved(source)
            ? new(AdminRule.SourceReserved, $"'{source.Trim()}' is one of the app's own sources ({string.Join(", ", Reserved)}); no key is ever issued for it",
                [source.Trim(), string.Join(", ", Reserved)])
        : FamiliesOf(source.Trim()).Count == 0
            ? new(AdminRule.SourceNotConfigured, $"no event families are configured for source '{source.Trim()}' ({Section}; configured: {string.Join(", ", Sources)})",
                [source.Trim(), string.Join(", ", Sources)])
        : null;

    /// <summary>Why <paramref name="source"/>'s key may not append <paramref name="type"/>, or null when it may.</summary>
    public string? ProblemAppending(string source, string type) => MayAppend(source, type) ? null
        : FamiliesOf(source) is { Count: > 0 } families
            ? $"source '{source}' may append only {string.Join(", ", families.Order().Select(f => f + ".*"))} events, not '{type}'"
            : $"source '{source}' may append no events ({Section})";
}
