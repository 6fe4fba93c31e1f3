using System.Net;
using System.Net.Http.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// The permission table through the app: every role against every page (and the APIs that read operational data),
/// and the examples where the table used to hold only for whistles. Core's PermissionsTests spells out every role ×
/// command; here the pages and endpoints are shown to follow the same table.
/// </summary>
public sealed class RoleTablePageTests : IAsyncLifetime
{
    // One account per role, in the columns' order: operator, dispatcher, street leader, street director, liaison,
    // district leader, admin (street people of ninghailu, the liaison of chengguan).
    private static readonly string[] Accounts =
        ["operator", "dispatcher", "leader.ninghailu", "director.ninghailu", "liaison.chengguan", "district", "admin"];

    private WallAppFactory _factory = null!;
    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        _factory = new WallAppFactory { FakeLog = true };
        await _factory.Services.GetRequiredService<KioskStore>().SaveScreenAsync(new KioskScreen("lobby", null, "single", [.. TakeoverKinds.All]));
        foreach (var account in Accounts)
            _clients[account] = await _factory.SignedInClientAsync(account);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>Page → who may open it, one letter per role as above (n: sent to access denied).</summary>
    public static readonly TheoryData<string, string> Pages = new()
    {
        { "/wall", "YYnnnYn" },
        { "/wall/structure", "YYnnnYn" },
        { "/wall/street/ninghailu", "YYYYnYn" },
        { "/wall/street/huaqiaolu", "YYnnnYn" },
        { "/kiosk/lobby", "YYYYnYn" },
        { "/street/ninghailu", "YYYYnYn" },
        { "/street/huaqiaolu", "YYnnnYn" },
        { "/dispatch", "YYYYnYn" },
        { "/tickets", "YYYYnYn" },
        { "/kiosk/console", "YYnnnYn" },
        { "/whistles", "YYYYYYn" },
        { "/whistles/new", "YYYYYYn" },
        { "/whistles/scoreboard", "YYYYYYn" },
        { "/liaison", "YYYYYYn" },
        { "/admin/users", "nnnnnnY" },
        { "/admin/keys", "nnnnnnY" },
        { "/admin/audit", "nnnnnnY" },
        { "/admin/deadletters", "nnnnnnY" },
        { "/admin/kiosks", "nnnnnnY" },
        { "/api/v1/whistles", "YYYYYYn" },
        { "/api/v1/search?q=%E7%94%B5%E6%A2%AF", "YYYYYYn" },
        { "/api/v1/export/whistles.csv", "YYYYYYn" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryRole_OpensAPageExactlyWhenTheTableSays(string path, string expected)
    {
        var verdicts = new List<char>();
        foreach (var account in Accounts)
        {
            using var response = await _clients[account].GetAsync(path);
            var location = response.Headers.Location?.OriginalString ?? "";
            verdicts.Add(response.StatusCode == HttpStatusCode.OK ? 'Y'
                : response.StatusCode == HttpStatusCode.Forbidden || location.StartsWith("/access-denied", StringComparison.Ordinal) ? 'n'
                : '?');
        }

        Assert.Equal(expected, new string([.. verdicts]));
    }

    /// <summary>The examples: a dispatcher runs no 12345 ticket step, a district leader records no ticket.</summary>
    [Theory]
    [InlineData("dispatcher", EventTypes.TicketAssigned)]
    [InlineData("dispatcher", EventTypes.TicketFeedback)]
    [InlineData("dispatcher", EventTypes.TicketVerified)]
    [InlineData("dispatcher", EventTypes.TicketClosed)]
    [InlineData("dispatcher", EventTypes.TicketEvaluated)]
    [InlineData("district", EventTypes.TicketReceived)]
    [InlineData("director.ninghailu", EventTypes.TicketEvaluated)]
    [InlineData("admin", EventTypes.IncidentReported)]
    public async Task Command_ARoleTheTableRefuses_Is403(string account, string type)
    {
        var ticket = Guid.NewGuid();
        object data = type switch
        {
            EventTypes.TicketReceived => new { ticketId = ticket, channel = "12345", category = "噪音扰民", content = "夜间施工", callerMasked = "138****5678", dueAt = DateTimeOffset.UtcNow.AddDays(3) },
            EventTypes.TicketAssigned => new { ticketId = ticket, body = "chengguan" },
            EventTypes.TicketFeedback => new { ticketId = ticket, content = "已处理" },
            EventTypes.TicketVerified => new { ticketId = ticket, result = "满意" },
            EventTypes.TicketEvaluated => new { ticketId = ticket, satisfaction = "satisfied" },
            EventTypes.IncidentReported => new { incidentId = ticket, gridId = TestEvents.Grid(), category = "占道经营", severity = 2, title = "占道" },
            _ => new { ticketId = ticket },
        };

        using var response = await _clients[account].PostAsJsonAsync("/api/v1/commands", new { type, street = "ninghailu", data });

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Empty(await _factory.MemoryLog.AppendedAsync());
    }
}
