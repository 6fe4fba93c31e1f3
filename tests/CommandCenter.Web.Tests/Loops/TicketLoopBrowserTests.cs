using System.Net;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Loops;

/// <summary>
/// The 12345 ticket loop end to end (issue #5): the hotline's request, the operator's assignment, handling feedback,
/// the citizen's call-back, closing, the rating and a reopening, watched live by the street's director on their board
/// and street console, and reported back to the hotline through Open311.
/// </summary>
public sealed class TicketLoopBrowserTests
{
    private const string Operator = "指挥中心值班员 (operator) · operator";

    [Fact]
    public async Task TicketLoop_HotlineToRatingAndReopen_EveryStepLiveForOperatorAndDirectorAndOnOpen311()
    {
        var factory = new WallAppFactory();
        await using var browsers = await BrowserApp.StartAsync(factory);
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("hotline-12345", "test");
        using var hotline = factory.AnonymousClient();

        // The director watches before anything arrives: every change below reaches them without a reload.
        var director = await browsers.SignedInAsync("director.ninghailu", "/tickets", ".ticket-board");
        var street = await browsers.OpenTabAsync(director, "/street/ninghailu", ".street-console");
        var operatorPage = await browsers.SignedInAsync("operator", "/tickets", ".ticket-board");

        // Another street's ticket, straight from the hotline's feed: the operator sees it, the director never does.
        var elsewhere = Guid.NewGuid();
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([EnvelopeWriter.ToFields(
            new TicketReceived(elsewhere, "12345", "市容环境", "华侨路某小区垃圾清运不及时", "139****0002", DateTimeOffset.UtcNow.AddDays(3)),
            "huaqiaolu", "hotline-12345", DateTimeOffset.UtcNow)]);
        var id = await PostRequestAsync(hotline, secret);

        var operatorRow = operatorPage.Locator($"tr:has([data-testid='ticket-row'][data-ticket='{id}'])");
        var directorRow = director.Locator($"tr:has([data-testid='ticket-row'][data-ticket='{id}'])");
        var streetItem = street.Locator($"[data-testid='street-tickets'] li[data-ticket='{id}']");
        await Expect(operatorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Received", Soon.Attribute);
        await Expect(directorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Received", Soon.Attribute);
        await Expect(streetItem).ToContainTextAsync("工地夜间打桩噪音", Soon.Text);
        await Expect(operatorPage.Locator($"tr:has([data-testid='ticket-row'][data-ticket='{elsewhere}'])")).ToBeVisibleAsync(Soon.Visible);
        await Expect(director.Locator("[data-testid='own-street']")).ToContainTextAsync("宁海路");
        await Expect(director.Locator($"tr:has([data-testid='ticket-row'][data-ticket='{elsewhere}'])")).ToHaveCountAsync(0);
        await Expect(director.Locator("[data-testid='ticket-row']")).ToHaveCountAsync(1);

        await operatorRow.Locator("[data-testid='open-ticket']").ClickAsync();
        var drawer = operatorPage.Locator($"[data-testid='ticket-drawer'][data-ticket='{id}']");
        var status = drawer.Locator("[data-testid='drawer-status']");

        // Assign to the street's city-management body: the director's board and street console follow.
        await MudSelects.ChooseAsync(drawer, "assign-input", "city-management");
        await drawer.Locator("[data-testid='assign-submit']").ClickAsync();
        await Expect(status).ToContainTextAsync("办理中", Soon.Text);
        await Expect(directorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Assigned", Soon.Attribute);
        await Expect(directorRow).ToContainTextAsync("城市管理部");
        await Expect(streetItem).ToContainTextAsync("城市管理部", Soon.Text);
        await Expect(street.Locator("tr[data-body='city-management'] [data-testid='body-tickets']")).ToHaveTextAsync("1", Soon.ExactText);

        await SendAsync(drawer, "feedback", "已责令工地夜间停工，城管中队现场核查");
        await Expect(status).ToContainTextAsync("已反馈", Soon.Text);
        await Expect(directorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Answered", Soon.Attribute);

        await SendAsync(drawer, "verify", "回访市民：夜间已无施工噪音");
        await Expect(status).ToContainTextAsync("已回访", Soon.Text);
        await Expect(directorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Verified", Soon.Attribute);

        await SendAsync(drawer, "close", "已办结");
        await Expect(status).ToContainTextAsync("已办结", Soon.Text);
        // Closed work leaves the open lists everywhere; the operator's drawer stays on it.
        await Expect(directorRow).ToHaveCountAsync(0, Soon.Count);
        await Expect(streetItem).ToHaveCountAsync(0, Soon.Count);
        await Expect(operatorRow).ToHaveCountAsync(0, Soon.Count);
        var closed = await RequestAsync(hotline, secret, id);
        Assert.Equal(("closed", "closed: 已办结"), (closed.Status, closed.Notes));

        await drawer.Locator("[data-testid='rate-BasicallySatisfied']").CheckAsync();
        await drawer.Locator("[data-testid='rate-submit']").ClickAsync();
        await Expect(drawer.Locator("[data-testid='drawer-rating']")).ToContainTextAsync("基本满意", Soon.Text);
        await Expect(status).ToContainTextAsync("已评价");
        var rated = await RequestAsync(hotline, secret, id);
        Assert.Equal(("closed", "rated: 基本满意"), (rated.Status, rated.Notes));

        // The citizen calls again: reopened with a reason, the ticket is back on every open list.
        await SendAsync(drawer, "reopen", "市民再次来电：凌晨仍有打桩");
        await Expect(status).ToContainTextAsync("重办", Soon.Text);
        await Expect(operatorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Reopened", Soon.Attribute);
        await Expect(directorRow.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Reopened", Soon.Attribute);
        await Expect(streetItem).ToBeVisibleAsync(Soon.Visible);
        await Expect(drawer.Locator("[data-testid='action-assign']")).ToBeVisibleAsync();
        var reopened = await RequestAsync(hotline, secret, id);
        Assert.Equal("open", reopened.Status);
        Assert.StartsWith("reopened: ", reopened.Notes, StringComparison.Ordinal);

        // The drawer's history: every step in log order, each with who did it.
        string[] steps = [EventTypes.TicketReceived, EventTypes.TicketAssigned, EventTypes.TicketFeedback, EventTypes.TicketVerified,
            EventTypes.TicketClosed, EventTypes.TicketEvaluated, EventTypes.TicketReopened];
        var entries = drawer.Locator("[data-testid='timeline'] li[data-timeline-type]");
        await Expect(entries).ToHaveCountAsync(steps.Length, Soon.Count);
        Assert.Equal(steps, await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.timelineType)"));
        await Expect(entries.First).ToContainTextAsync("hotline-12345");
        for (var i = 1; i < steps.Length; i++)
            await Expect(entries.Nth(i)).ToContainTextAsync(Operator);
        Assert.Empty(await operatorPage.Locator(".form-error").AllAsync());
        foreach (var page in new[] { director, street, operatorPage })
            await BrowserApp.AssertNotReloadedAsync(page);
    }

    /// <summary>Types into one of the drawer's action forms and sends it.</summary>
    private static async Task SendAsync(ILocator drawer, string action, string text)
    {
        await drawer.Locator($"[data-testid='{action}-input']").FillAsync(text);
        await drawer.Locator($"[data-testid='{action}-input']").PressAsync("Tab");
        await drawer.Locator($"[data-testid='{action}-submit']").ClickAsync();
    }

    private static async Task<string> PostRequestAsync(HttpClient hotline, string secret)
    {
        using var posted = await hotline.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = secret, ["service_code"] = "noise", ["description"] = "工地夜间打桩噪音，凌晨仍未停止",
            ["address_string"] = "宁海路街道某工地", ["attribute[street]"] = "ninghailu", ["phone"] = "13912340001",
        }));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        return JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>The request as the hotline reads it back; the page already showed the change, so the live state has it.</summary>
    private static async Task<(string Status, string Notes)> RequestAsync(HttpClient hotline, string secret, string id)
    {
        using var response = await hotline.GetAsync($"/open311/v2/requests/{id}.json?api_key={Uri.EscapeDataString(secret)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0];
        return (request.GetProperty("status").GetString()!, request.GetProperty("status_notes").GetString()!);
    }
}
