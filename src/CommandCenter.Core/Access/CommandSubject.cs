using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Core.Access;

/// <summary>
/// What a command is about, as far as who may send it depends on it: the street the event names, and for whistle
/// events the level blown, the department reporting in, and the whistle itself once it exists.
/// </summary>
public sealed record CommandSubject(string Street, WhistleLevel? Level = null, string? Department = null, Whistle? Whistle = null)
{
    /// <summary>The subject of an event; <paramref name="whistle"/> is the whistle it names, if the state holds it.</summary>
    public static CommandSubject Of(EventEnvelope e, Whistle? whistle) => e.Payload switch
    {
        WhistleBlown p => new(e.Street, Level: p.Level),
        WhistleDepartmentReported p => new(e.Street, Department: p.Department, Whistle: whistle),
        _ => new(e.Street, Whistle: whistle),
    };

    /// <summary>The subject of a step on an existing whistle (feedback, escalation, closing…).</summary>
    public static CommandSubject Of(Whistle whistle) => new(whistle.Street, Whistle: whistle);
}
