using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Core.State;

namespace CommandCenter.Web.Open311;

/// <summary>
/// The filters of <c>GET requests.json</c>: <c>service_request_id</c> (comma list; the others are then ignored, as the
/// spec says), <c>service_code</c>, <c>start_date</c>/<c>end_date</c> (on the requested time; by default the last 90
/// days), <c>status</c> (<c>open</c>, <c>closed</c>, or both comma separated) and our <c>limit</c> (1–1,000, default
/// 1,000). Results are newest first.
/// </summary>
public sealed partial record Open311Query(
    IReadOnlyList<Guid>? Ids, IReadOnlySet<string>? ServiceCodes, DateTimeOffset Start, DateTimeOffset End, IReadOnlySet<string>? Statuses, int Limit)
{
    public const int MaxResults = 1000;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    public static (Open311Query? Query, string? Error) Parse(IQueryCollection query, DateTimeOffset now)
    {
        List<Guid>? ids = null;
        if (Value(query, "service_request_id") is { } idList)
        {
            ids = [];
            foreach (var part in Split(idList))
            {
                if (!Guid.TryParse(part, out var id))
                    return (null, $"service_request_id '{part}' is not a request id");
                ids.Add(id);
            }
        }

        HashSet<string>? codes = null;
        if (Value(query, "service_code") is { } codeList)
        {
            codes = [.. Split(codeList)];
            if (codes.FirstOrDefault(c => Open311Services.Find(c) is null) is { } unknown)
                return (null, $"service_code '{unknown}' is not a service here (GET services.json lists the services)");
        }

        HashSet<string>? statuses = null;
        if (Value(query, "status") is { } statusList)
        {
            statuses = [.. Split(statusList).Select(s => s.ToLowerInvariant())];
            if (statuses.FirstOrDefault(s => s is not (Open311Request.Open or Open311Request.Closed)) is { } bad)
                return (null, $"status '{bad}' is not open or closed");
        }

        var (start, startError) = Date(query, "start_date");
        var (end, endError) = Date(query, "end_date");
        if ((startError ?? endError) is { } dateError)
            return (null, dateError);
        var to = end ?? now;
        var from = start ?? to - DefaultWindow;
        if (from > to)
            return (null, "start_date is after end_date");

        var limit = MaxResults;
        if (Value(query, "limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxResults))
            return (null, $"limit '{limitText}' is not a whole number from 1 to {MaxResults}");

        return (new Open311Query(ids, codes, from, to, statuses, limit), null);
    }

    /// <summary>The tickets this query lists, newest first.</summary>
    public IEnumerable<Ticket> Apply(IEnumerable<Ticket> tickets)
    {
        if (Ids is not null)
        {
            var wanted = Ids.ToHashSet();
            return tickets.Where(t => wanted.Contains(t.Id)).OrderByDescending(t => t.ReceivedAt).Take(Limit);
        }
        return tickets
            .Where(t => t.ReceivedAt >= Start && t.ReceivedAt <= End)
            .Where(t => ServiceCodes is null || ServiceCodes.Contains(Open311Services.OfCategory(t.Category).Code))
            .Where(t => Statuses is null || Statuses.Contains(Open311Request.StatusOf(t)))
            .OrderByDescending(t => t.ReceivedAt)
            .Take(Limit);
    }

    private static (DateTimeOffset? Value, string? Error) Date(IQueryCollection query, string name)
    {
        if (Value(query, name) is not { } text)
            return (null, null);
        // An unencoded '+' of "+08:00" arrives as a space: put it back.
        var repaired = OffsetAfterSpace().Replace(text, "+$1");
        return DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at, null)
            : (null, $"{name} '{text}' is not a W3C date-time such as 2026-11-27T09:00:00+08:00");
    }

    private static IEnumerable<string> Split(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;

    [GeneratedRegex(@" (\d{2}:?\d{2})$")]
    private static partial Regex OffsetAfterSpace();
}
