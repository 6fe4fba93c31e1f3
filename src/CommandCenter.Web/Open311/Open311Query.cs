using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Core.State;
using CommandCenter.Web.Localization;

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
                    return (null, UiText.Local("service_request_id '{0}' 不是请求编号", part));
                ids.Add(id);
            }
        }

        HashSet<string>? codes = null;
        if (Value(query, "service_code") is { } codeList)
        {
            codes = [.. Split(codeList)];
            if (codes.FirstOrDefault(c => Open311Services.Find(c) is null) is { } unknown)
                return (null, UiText.Local("service_code '{0}' 不是本系统的服务（GET services.json 列出所有服务）", unknown));
        }

        HashSet<string>? statuses = null;
        if (Value(query, "status") is { } statusList)
        {
            statuses = [.. Split(statusList).Select(s => s.ToLowerInvariant())];
            if (statuses.FirstOrDefault(s => s is not (Open311Request.Open or Open311Request.Closed)) is { } bad)
                return (null, UiText.Local("status '{0}' 不是 open 或 closed", bad));
        }

        var (start, startError) = Date(query, "start_date");
        var (end, endError) = Date(query, "end_date");
        if ((startError ?? endError) is { } dateError)
            return (null, dateError);
        var to = end ?? now;
        var from = start ?? to - DefaultWindow;
        if (from > to)
            return (null, UiText.Local("start_date 晚于 end_date"));

        var limit = MaxResults;
        if (Value(query, "limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxResults))
            return (null, UiText.Local("limit '{0}' 不是 1 到 {1} 之间的整数", limitText, MaxResults));

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
            : (null, UiText.Local("{0} '{1}' 不是 W3C 日期时间，例如 2026-11-27T09:00:00+08:00", name, text));
    }

    private static IEnumerable<string> Split(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;

    [GeneratedRegex(@" (\d{2}:?\d{2})$")]
    private static partial Regex OffsetAfterSpace();
}
