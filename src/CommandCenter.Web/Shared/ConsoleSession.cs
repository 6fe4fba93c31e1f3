using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Core.Events;
using CommandCenter.Web.Wall;
using Microsoft.AspNetCore.Components.Authorization;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Shared;

/// <summary>
/// A console page's way to act: the circuit's signed-in user sends a typed payload through
/// <see cref="ConsoleCommandService"/>, which adds the actor and checks role, street and live state.
/// </summary>
public sealed class ConsoleSession(AuthenticationStateProvider authentication, ConsoleCommandService commands)
{
    public async Task<CommandResult> SendAsync(string street, IEventPayload payload, CancellationToken ct = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var data = (JsonObject)JsonSerializer.SerializeToNode(payload, payload.GetType(), EventJson.Options)!;
        return await commands.ExecuteAsync(user, new ConsoleCommand(EventTypes.NameOf(payload), street, data), ct);
    }

    /// <summary>The words a console shows for a result that did not append: the refusal's code in words (the circuit's language),
    /// then the reason as detail.</summary>
    public static string Explain(CommandResult result)
    {
        if (result.Status == CommandStatus.Appended) return "";
        var words = result.Status == CommandStatus.Unavailable ? UiText.Both("未能记录，请重试") : RejectionWords.For(result.Code);
        return $"{words.Local}: {result.Reason}";
    }
}
