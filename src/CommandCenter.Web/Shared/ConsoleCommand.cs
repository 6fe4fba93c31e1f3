using System.Text.Json.Nodes;

namespace CommandCenter.Web.Shared;

/// <summary>What a console sends: an event type, the street it is about, and the payload. The server adds the id,
/// the time, <c>source=console</c> and the actor (from the signed-in user, never from the request).</summary>
public sealed record ConsoleCommand(string Type, string Street, JsonObject Data);

/// <summary><c>Unavailable</c>: the log could not take the event (it is down); nothing was appended, retry later.</summary>
public enum CommandStatus { Appended, Invalid, Forbidden, Conflict, Unavailable }

public sealed record CommandResult(CommandStatus Status, string? Reason = null, string? EventId = null)
{
    public static CommandResult Forbidden(string reason) => new(CommandStatus.Forbidden, reason);
}
