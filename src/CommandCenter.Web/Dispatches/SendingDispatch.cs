using CommandCenter.Core.Access;

namespace CommandCenter.Web.Dispatches;

/// <summary>A dispatch this page appended and has not yet seen applied (or refused) by the live state.</summary>
public sealed record SendingDispatch(Guid DispatchId, Guid IncidentId, string TeamId, string Street);

/// <summary>A dispatch another command beat in the log: shown at once, its incident back in the queue.</summary>
public sealed record LostDispatch(SendingDispatch Dispatch, Refusal Refusal);
