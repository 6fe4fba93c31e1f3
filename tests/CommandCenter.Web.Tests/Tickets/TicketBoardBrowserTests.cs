using System.Net;
using System.Text.Json;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Tickets;

public sealed class TicketBoardBrowserTests
{
    [Fact]
    public async Task Board_Open311RequestAssignedByOperator_ShowsTheAssignmentInTheTimelineWithTheOperator()
    {
        await using var app = await BrowserApp.StartAsync();
        var factory = app.Factory;
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("hotline-12345", "test");

        using var producer = factory.AnonymousClient();
        using var posted = await producer.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = secret, ["service_code"] = "noise", ["description"] = "工地夜间打桩噪音，凌晨仍未停止",
            ["address_string"] = "宁海路街道某工地", ["attribute[street]"] = "ninghailu", ["phone"] = "13912340001",
        }));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString();

        var page = await app.SignedInAsync("operator", "/tickets", ".ticket-board");

        var row = page.Locator($"tr:has([data-testid='ticket-row'][data-ticket='{id}'])");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(row).ToContainTextAsync("工地夜间打桩噪音");
        await row.Locator("[data-testid='open-ticket']").ClickAsync();
        var drawer = page.Locator($"[data-testid='ticket-drawer'][data-ticket='{id}']");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(drawer.Locator("[data-timeline-type='ticket.received']")).ToContainTextAsync("hotline-12345", new() { Timeout = 10_000 });

        await MudSelects.ChooseAsync(drawer, "assign-input", "city-management");
        await drawer.Locator("[data-testid='assign-submit']").ClickAsync();

        await Expect(drawer.Locator("[data-testid='drawer-status']")).ToContainTextAsync("办理中", new() { Timeout = 10_000 });
        await Expect(drawer.Locator("[data-testid='drawer-body']")).ToContainTextAsync("宁海路街道 城市管理部");
        var assigned = drawer.Locator("[data-timeline-type='ticket.assigned']");
        // The actor by the name people know, not the account id the event carries.
        await Expect(assigned).ToContainTextAsync("指挥中心值班员 (operator) · operator", new() { Timeout = 10_000 });
        await Expect(row.Locator("[data-testid=\'ticket-row\']")).ToHaveAttributeAsync("data-status", "Assigned");
        Assert.Empty(await page.Locator(".form-error").AllAsync());
    }
}
