using CommandCenter.Core.Access;
using CommandCenter.Core.Deadlines;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Tickets;

/// <summary>Which tickets a board row list shows: all, the open ones, the closed ones, or one stage.</summary>
public enum TicketStatusFilter { Open, All, Closed, Received, Assigned, Answered, Verified, ClosedStage, Evaluated, Reopened }

/// <summary>
/// The ticket board's filters and order. Street-scoped people see only their street whatever they choose; the list is
/// overdue first, then open before closed, then by due time (the most urgent on top), capped at <see cref="MaxRows"/>.
/// </summary>
public sealed record TicketBoardFilter(
    string? Street = null, TicketStatusFilter Status = TicketStatusFilter.Open, string? Category = null, bool OverdueOnly = false, string? Text = null)
{
    /// <summary>The most rows one board holds; the grid virtualizes long lists, this only bounds a circuit's memory.</summary>
    public const int MaxRows = 5_000;

    /// <summary>The rows for <paramref name="actor"/> (none for nobody), and how many matched before the cap.</summary>
    public (IReadOnlyList<Ticket> Rows, int Matched) Apply(IEnumerable<Ticket> tickets, Actor? actor, DateTimeOffset now)
    {
        if (actor is null) return ([], 0);
        var street = Permissions.SeesWholeDistrict(actor) ? Street : actor.Street;
        var text = Text?.Trim();
        var matched = tickets
            .Where(t => Permissions.CanRead(actor, t.Street))
            .Where(t => string.IsNullOrEmpty(street) || t.Street == street)
            .Where(t => Matches(Status, t))
            .Where(t => string.IsNullOrEmpty(Category) || t.Category == Category)
            .Where(t => !OverdueOnly || Overdue.IsOverdue(t, now))
            .Where(t => string.IsNullOrEmpty(text) || Contains(t, text))
            .OrderByDescending(t => Overdue.IsOverdue(t, now))
            .ThenByDescending(t => t.IsOpen)
            .ThenBy(t => t.DueAt)
            .ToList();
        return (matched.Count > MaxRows ? matched[..MaxRows] : matched, matched.Count);
    }

    private static bool Matches(TicketStatusFilter filter, Ticket t) => filter switch
    {
        TicketStatusFilter.All => true,
        TicketStatusFilter.Open => t.IsOpen,
        TicketStatusFilter.Closed => !t.IsOpen,
        TicketStatusFilter.Received => t.Status == TicketStatus.Received,
        TicketStatusFilter.Assigned => t.Status == TicketStatus.Assigned,
        TicketStatusFilter.Answered => t.Status == TicketStatus.Answered,
        TicketStatusFilter.Verified => t.Status == TicketStatus.Verified,
        TicketStatusFilter.ClosedStage => t.Status == TicketStatus.Closed,
        TicketStatusFilter.Evaluated => t.Status == TicketStatus.Evaluated,
        _ => t.Status == TicketStatus.Reopened,
    };

    private static bool Contains(Ticket t, string text) =>
        t.Content.Contains(text, StringComparison.OrdinalIgnoreCase)
        || t.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (t.Address?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || t.Id.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase);
}
