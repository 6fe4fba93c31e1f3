using System.Text.Json.Nodes;
using CommandCenter.Core.Access;
using CommandCenter.Core.Reducing;

namespace CommandCenter.Web.Shared;

/// <summary>What a console sends: an event type, the street it is about, and the payload. The server adds the id,
/// the time, <c>source=console</c> and the actor (from the signed-in user, never from the request).</summary>
public sealed record ConsoleCommand(string Type, string Street, JsonObject Data);

/// <summary><c>Unavailable</c>: the log could not take the event (it is down); nothing was appended, retry later.</summary>
public enum CommandStatus { Appended, Invalid, Forbidden, Conflict, Unavailable }

/// <summary>
/// The outcome of a command. A refusal carries its typed <see cref="Code"/> (what screens map to their own words) beside
/// the <see cref="Reason"/> in words; <see cref="EventId"/> is the appended event's id.
/// </summary>
public sealed record CommandResult(CommandStatus Status, string? Reason = null, string? EventId = null, RejectionCode Code = RejectionCode.None)
{
    public static CommandResult Forbidden(Refusal refusal) => new(CommandStatus.Forbidden, refusal.Reason, Code: refusal.Code);
}
