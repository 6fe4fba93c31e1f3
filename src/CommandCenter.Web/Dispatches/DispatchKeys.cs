namespace CommandCenter.Web.Dispatches;

/// <summary>
/// The dispatcher's keys, for the two-click dispatch without the mouse: ↑/↓ (or k/j) move through the incident queue,
/// 1–9 send the n-th available team of the chosen incident's street (the number shown on its button).
/// </summary>
public static class DispatchKeys
{
    /// <summary>1–9 for the keys "1"–"9" (main row or keypad), else null.</summary>
    public static int? TeamNumber(string key) => key is [var c] && c is >= '1' and <= '9' ? c - '0' : null;

    /// <summary>+1 for ↓ or j, −1 for ↑ or k, else 0.</summary>
    public static int QueueStep(string key) => key switch
    {
        "ArrowDown" or "j" => 1,
        "ArrowUp" or "k" => -1,
        _ => 0,
    };
}
