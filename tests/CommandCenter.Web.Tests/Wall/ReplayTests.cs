using System.Globalization;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Web.Wall.Replay;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>Replay against the real projector's event_history in a temp SQLite database.</summary>
public sealed class ReplayTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Forty events over twenty minutes: tickets received, some assigned and closed later, an incident.</summary>
    private static List<Dictionary<string, string>> Story()
    {
        var entries = new List<Dictionary<string, string>>();
        for (var i = 0; i < 20; i++)
        {
            var at = Start.AddSeconds(i * 61);
            var ticketId = Guid.NewGuid();
            entries.Add(TestEvents.TicketReceived(at, street: DistrictModel.Gulou.Streets[i % 13].Code, ticketId: ticketId, content: $"问题{i}"));
            if (i % 2 == 0)
                entries.Add(EnvelopeWriter.ToFields(new TicketAssigned(ticketId, "city-management"), DistrictModel.Gulou.Streets[i % 13].Code, "hotline-12345", at.AddSeconds(90)));
            else
                entries.Add(TestEvents.IncidentReported(at.AddSeconds(30), DistrictModel.Gulou.Streets[i % 13].Communities[0].Grids[0].Id, DistrictModel.Gulou.Streets[i % 13].Code));
        }
        return entries;
    }

    /// <summary>The definition: the reducer over the log's entries in order, up to the first that occurred after T.</summary>
    private static (DistrictState State, List<string> AppliedIds) Expected(IEnumerable<Dictionary<string, string>> entries, DateTimeOffset at)
    {
        var parser = new EnvelopeParser(DistrictModel.Gulou);
        var reducer = new DistrictReducer(DistrictModel.Gulou);
        var state = DistrictState.Empty;
        var applied = new List<string>();
        foreach (var entry in entries)
        {
            var envelope = parser.Parse(entry).Envelope!;
            if (envelope.OccurredAt > at) break;
            var reduction = reducer.Apply(state, envelope);
            state = reduction.State;
            if (reduction.IsApplied) applied.Add(envelope.Id);
        }
        return (state, applied);
    }

    [Fact]
    public async Task StateAt_AnyMomentInAnyOrder_EqualsTheReducerRunOverTheEventsUpToThatMoment()
    {
        await using var factory = new WallAppFactory();
        var story = Story();
        var log = factory.Services.GetRequiredService<IEventLog>();
        var history = factory.Services.GetRequiredService<ReplayHistory>();
        // The leader's rules notice (timed now, days after the story) first, as on a fresh log with a backfilled week:
        // it must not end the replay of any moment of the story.
        await TestWait.UntilAsync(async () => (await history.ReadAfterAsync(0, 10, default)).Any(e => LogNotices.IsNotice(e.Stored.Fields)),
            "the leader adopted the rules in the log", TimeSpan.FromSeconds(20));
        await log.AppendAsync(story);
        await TestWait.UntilAsync(async () => (await history.ReadAfterAsync(0, 1000, default)).Count(e => !LogNotices.IsNotice(e.Stored.Fields)) == story.Count,
            "the projector wrote every event to event_history", TimeSpan.FromSeconds(20));
        var index = factory.Services.GetRequiredService<ReplayIndex>();
        var kpis = new KpiCalculator(DistrictModel.Gulou);

        // Later first, then earlier (from the minute cache), then between cached minutes and before the first event.
        DateTimeOffset[] moments = [Start.AddMinutes(15).AddSeconds(20), Start.AddMinutes(3), Start.AddMinutes(9).AddSeconds(45),
            Start.AddSeconds(-30), Start.AddMinutes(30), Start.AddMinutes(3).AddSeconds(1)];
        foreach (var at in moments)
        {
            var (expected, appliedIds) = Expected(story, at);

            var point = await index.StateAtAsync(at);

            Assert.Equal(expected.AppliedCount, point.State.AppliedCount);
            Assert.Equal(expected.Tickets.Keys.Order(), point.State.Tickets.Keys.Order());
            Assert.Equal(expected.Incidents.Keys.Order(), point.State.Incidents.Keys.Order());
            Assert.All(expected.Tickets, t => Assert.Equal(t.Value, point.State.Tickets[t.Key]));
            Assert.Equal(kpis.Calculate(expected, at), kpis.Calculate(point.State, at));
            Assert.Equal(appliedIds.AsEnumerable().Reverse().Take(50), point.Recent.Select(e => e.Id));
        }
        Assert.InRange(index.CachedPoints, 1, ReplayIndex.CacheSize);
    }

    [Fact]
    public async Task StateAt_AMomentDaysBack_StartsFromThatDaysStoredSnapshotAndEqualsTheReducer()
    {
        // One snapshot kept for restarts: the older days' snapshots stay for replays only, without the idempotency
        // window, so the replay must pass over the re-sent copies by their stored outcome.
        await using var factory = new WallAppFactory { Settings = { ["Projector:BatchSize"] = "7", ["Projector:SnapshotsKept"] = "1" } };
        var days = new List<Dictionary<string, string>>();
        for (var day = 0; day < 3; day++)
            for (var i = 0; i < 30; i++)
            {
                days.Add(TestEvents.TicketReceived(Start.AddDays(day).AddMinutes(i * 17), street: DistrictModel.Gulou.Streets[i % 13].Code, content: $"第{day}天问题{i}"));
                if (i % 4 == 3) days.Add(new Dictionary<string, string>(days[^3])); // a producer re-sends an earlier ticket
            }
        // A ticket answered and reopened on the first day; its assignment re-sent at the end of the second day is a
        // duplicate, which a replay without the window would apply again (reopened → assigned).
        var reopenedId = Guid.NewGuid();
        var late = Start.AddMinutes(500);
        var assigned = TestEvents.Event(new TicketAssigned(reopenedId, DistrictModel.Gulou.Bodies[0].Code), late.AddMinutes(1));
        days.InsertRange(30, [TestEvents.TicketReceived(late, ticketId: reopenedId), assigned,
            TestEvents.Event(new TicketFeedback(reopenedId, "已答复"), late.AddMinutes(2)), TestEvents.Event(new TicketReopened(reopenedId, "不满意"), late.AddMinutes(3))]);
        days.Insert(days.FindLastIndex(d => DateTimeOffset.Parse(d[EnvelopeFields.OccurredAt], CultureInfo.InvariantCulture) < Start.AddDays(2)) + 1,
            new Dictionary<string, string>(assigned));
        var log = factory.Services.GetRequiredService<IEventLog>();
        foreach (var chunk in days.Chunk(7))
            await log.AppendAsync(chunk);
        var history = factory.Services.GetRequiredService<ReplayHistory>();
        await TestWait.UntilAsync(async () => (await history.ReadAfterAsync(0, 1000, default)).Count(e => !LogNotices.IsNotice(e.Stored.Fields)) == days.Count,
            "the projector wrote every event to event_history", TimeSpan.FromSeconds(20));
        await TestWait.UntilAsync(async () => await history.SnapshotSeqBeforeAsync(Start.AddDays(2).AddHours(12), default) is > 0,
            "the projector stored the state at a new day", TimeSpan.FromSeconds(20));
        await using (var connection = await factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync())
            await TestWait.UntilAsync(async () => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM state_snapshots WHERE holds_window = 0") > 0,
                "an older day's snapshot was kept for replays without its window", TimeSpan.FromSeconds(20));
        var index = factory.Services.GetRequiredService<ReplayIndex>();

        foreach (var at in new[] { Start.AddDays(2).AddHours(3), Start.AddDays(1).AddHours(1), Start.AddHours(2), Start.AddDays(2).AddHours(8) })
        {
            var (expected, appliedIds) = Expected(days, at);
            var point = await index.StateAtAsync(at);

            Assert.Equal(expected.Tickets.Keys.Order(), point.State.Tickets.Keys.Order());
            Assert.All(expected.Tickets, t => Assert.Equal(t.Value, point.State.Tickets[t.Key]));
            Assert.Equal(expected.AppliedCount, point.State.AppliedCount);
            Assert.Equal(appliedIds.AsEnumerable().Reverse().Take(50), point.Recent.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task WallPage_WithAt_PrerendersAReplayMarkedAsNotLive()
    {
        await using var factory = new WallAppFactory();
        var story = Story();
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync(story);
        var history = factory.Services.GetRequiredService<ReplayHistory>();
        await TestWait.UntilAsync(async () => (await history.ReadAfterAsync(0, 1000, default)).Count(e => !LogNotices.IsNotice(e.Stored.Fields)) == story.Count,
            "the projector wrote every event to event_history", TimeSpan.FromSeconds(20));
        using var client = await factory.SignedInClientAsync("operator");

        var html = await client.GetStringAsync("/wall?at=2026-11-26T09:05:30");
        var (expected, _) = Expected(story, new DateTimeOffset(2026, 11, 26, 9, 5, 30, TimeSpan.FromHours(8)));
        Assert.Equal(5, expected.Tickets.Count);

        Assert.Contains("历史回放 · 非实时", html);
        Assert.Contains("2026-11-26 09:05:30", html);
        Assert.DoesNotContain("id=\"stale-banner\"", html);
        // Six tickets were received by 09:05:30, but in log order the assignment of the fifth (09:05:34) comes before
        // the sixth ticket, and replay stops at the first entry after T: five, as the reducer over the log prefix says.
        var tile = html[html.IndexOf("data-kpi=\"tickets-received-today\"", StringComparison.Ordinal)..];
        Assert.StartsWith("5<", tile[(tile.IndexOf("class=\"kpi-value\">", StringComparison.Ordinal) + "class=\"kpi-value\">".Length)..]);
    }

    [Theory]
    [InlineData("2026-11-26T09:05:30", "2026-11-26T01:05:30+00:00")]
    [InlineData("2026-11-26T09:05:30+08:00", "2026-11-26T01:05:30+00:00")]
    [InlineData("2026-11-26T01:05:30Z", "2026-11-26T01:05:30+00:00")]
    [InlineData("2026-11-26", "2026-11-25T16:00:00+00:00")]
    [InlineData("2026-11-26 09:30", "2026-11-26T01:30:00+00:00")]
    [InlineData("2026-11-26T09:30-05:00", "2026-11-26T14:30:00+00:00")]
    public void ReplayTime_IsoWithOrWithoutOffset_ReadsDistrictTimeWhenNoneIsGiven(string at, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), ReplayTime.Parse(at));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("2026-13-01T00:00")]
    [InlineData("2026-02-30T00:00")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("0001-01-01T00:00+08:00")]
    [InlineData("9999-12-31T23:59")]
    [InlineData("99999-01-01T00:00")]
    public void ReplayTime_NoTimeOrAYearNoHistoryHolds_IsNoneRatherThanAnException(string at)
    {
        Assert.Null(ReplayTime.Parse(at));
    }

    [Fact]
    public async Task WallPage_WithAtInTheFarPastOrFuture_AnswersWithoutAnErrorAndNeverShowsAFutureMoment()
    {
        await using var factory = new WallAppFactory();
        using var client = await factory.SignedInClientAsync("operator");

        using var past = await client.GetAsync("/wall?at=0001-01-01T00:00");
        using var future = await client.GetAsync("/wall?at=2900-01-01T00:00");

        Assert.Equal(System.Net.HttpStatusCode.OK, past.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, future.StatusCode);
        var html = await future.Content.ReadAsStringAsync();
        Assert.Contains("历史回放 · 非实时", html);
        var shown = html[(html.IndexOf("data-testid=\"replay-time\" datetime=\"", StringComparison.Ordinal) + "data-testid=\"replay-time\" datetime=\"".Length)..];
        var moment = DateTimeOffset.Parse(System.Net.WebUtility.HtmlDecode(shown[..shown.IndexOf('"')]), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(moment, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
    }
}
