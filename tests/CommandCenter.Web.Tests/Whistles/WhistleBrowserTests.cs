using System.Net;
using System.Net.Http.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Browser;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.Web.Tests.Whistles;

/// <summary>Blowing a whistle and reporting in, across two people's browsers on the real app.</summary>
public sealed class WhistleBrowserTests
{
    [Fact]
    public async Task ReportIn_LiaisonInAnotherBrowser_DirectorsDiagramTurnsReportedWithoutReload()
    {
        await using var app = await BrowserApp.StartAsync();

        var director = await app.SignedInAsync("director.ninghailu", "/whistles/new", ".whistles-page");
        await director.Locator("[data-testid=blow-title]").FillAsync("宁海路5号违建拆除攻坚");
        await director.Locator("[data-testid=blow-title]").PressAsync("Tab");
        await director.Locator("[data-testid=level-ToughProblem]").CheckAsync();
        await director.Locator("[data-testid=dept-chengguan]").CheckAsync();
        await director.Locator("[data-testid=blow]").ClickAsync();
        var link = director.Locator("[data-testid=summons-diagram] [data-department=chengguan]");
        await Expect(link).ToHaveAttributeAsync("data-status", "waiting", new() { Timeout = 10_000 });
        var whistle = await director.Locator("[data-testid=whistle-detail]").GetAttributeAsync("data-whistle");
        await Expect(director.Locator("[data-testid=detail-level]")).ToHaveTextAsync("攻坚克难哨");
        await Expect(director.Locator("g[data-link-id='summons-chengguan'] path").First).ToHaveAttributeAsync("stroke", "#f59e0b");

        var liaison = await app.SignedInAsync("liaison.chengguan", "/liaison", ".whistles-page");
        // The liaison's grid row, found by its level cell (the grid puts no attributes on a <tr>).
        var mine = liaison.Locator($"tr:has([data-testid=liaison-whistle][data-whistle='{whistle}'])");
        await Expect(mine.Locator("[data-testid=liaison-whistle]")).ToHaveAttributeAsync("data-status", "waiting", new() { Timeout = 10_000 });
        await mine.Locator("[data-testid=report-note]").FillAsync("区城管局执法科到场");
        await mine.Locator("[data-testid=report-note]").PressAsync("Tab");
        await mine.Locator("[data-testid=report-in]").ClickAsync();
        await Expect(mine.Locator("[data-testid=liaison-whistle]")).ToHaveAttributeAsync("data-status", "reported", new() { Timeout = 10_000 });

        // The director's page was not reloaded: the circuit pushed the change.
        await Expect(link).ToHaveAttributeAsync("data-status", "reported", new() { Timeout = 10_000 });
        await Expect(director.Locator("g[data-link-id='summons-chengguan'] path").First).ToHaveAttributeAsync("stroke", "#22c55e", new() { Timeout = 10_000 });
        await Expect(director.Locator($"[data-whistle='{whistle}'][data-department=chengguan]")).ToHaveAttributeAsync("data-status", "reported");
        await Expect(director.Locator("[data-testid=timeline] [data-timeline-type='whistle.department-reported']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Scope_DirectorForAnotherStreetAndLiaisonNotSummoned_RefusedByApiAndPages()
    {
        await using var app = await BrowserApp.StartAsync();
        var factory = app.Factory;
        var whistle = Guid.NewGuid();
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([EnvelopeWriter.ToFields(
            new WhistleBlown(whistle, WhistleLevel.WorkAdvance, "加装电梯管线迁移", ["chengguan"], DateTimeOffset.UtcNow.AddHours(2)),
            "ninghailu", "test", DateTimeOffset.UtcNow)]);
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.Whistles.ContainsKey(whistle), "the whistle reaches the live state");

        using var directorApi = await factory.SignedInClientAsync("director.ninghailu");
        using var blowElsewhere = await directorApi.PostAsJsonAsync("/api/v1/commands", new
        {
            type = "whistle.blown", street = "huaqiaolu",
            data = new { whistleId = Guid.NewGuid(), level = "work-advance", title = "越界吹哨", departments = new[] { "chengguan" }, reportDueAt = DateTimeOffset.UtcNow.AddHours(2) },
        });
        using var housingApi = await factory.SignedInClientAsync("liaison.housing");
        using var reportUnsummoned = await housingApi.PostAsJsonAsync("/api/v1/commands",
            new { type = "whistle.department-reported", street = "ninghailu", data = new { whistleId = whistle, department = "housing" } });

        Assert.Equal(HttpStatusCode.Forbidden, blowElsewhere.StatusCode);
        // Outside their scope, the whistle is answered as unknown (409: no such whistle), never "not summoned".
        Assert.Equal(HttpStatusCode.Conflict, reportUnsummoned.StatusCode);
        Assert.DoesNotContain("not summoned", await reportUnsummoned.Content.ReadAsStringAsync());

        var director = await app.SignedInAsync("director.ninghailu", "/whistles", ".whistles-page");
        await director.GotoAsync($"{app.Address}/whistles/new?street=huaqiaolu");
        await Expect(director.Locator("[data-testid=cannot-blow]")).ToContainTextAsync("huaqiaolu", new() { Timeout = 10_000 });
        await Expect(director.Locator("[data-testid=blow-form]")).ToHaveCountAsync(0);

        var housing = await app.SignedInAsync("liaison.housing", "/liaison", ".whistles-page");
        await Expect(housing.Locator("[data-testid=no-whistles]")).ToBeVisibleAsync();
        await Expect(housing.Locator($"[data-whistle='{whistle}']")).ToHaveCountAsync(0);
        await housing.GotoAsync($"{app.Address}/whistles/{whistle}");
        await Expect(housing.Locator("[data-testid=whistle-missing]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(housing.Locator("[data-testid=report-in]")).ToHaveCountAsync(0);
        Assert.Null(live.Current.State.Whistles[whistle].Departments.SingleOrDefault(d => d.Department == "housing"));
    }
}
