using CommandCenter.Core.Reducing;

namespace CommandCenter.Core.Access;

/// <summary>Why something may not be done: the typed code a screen maps to its own words, and the rule in words.</summary>
public sealed record Refusal(RejectionCode Code, string Reason);
