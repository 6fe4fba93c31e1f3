using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Browser;

public sealed class ScratchScreenshot
{
    [Fact]
    public async Task Shot()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var log = factory.Services.GetRequiredService<IEventLog>();
        var d = DistrictModel.Gulou;
        var rnd = new Random(7);
        var now = DateTimeOffset.UtcNow;
        var entries = new List<IReadOnlyDictionary<string, string>>();
        string[] cats = ["市政设施", "环境卫生", "噪音扰民", "物业管理", "占道经营", "违章搭建", "交通出行"];
        string[] contents = ["小区路灯损坏多日无人维修", "夜间施工噪音扰民影响休息", "楼道堆放杂物存在消防隐患", "<script>alert(1)</script> 门口垃圾清运不及时", "共享单车乱停放堵塞人行道"];
        var tickets = new List<(Guid, string)>();
        for (var i = 0; i < 400; i++)
        {
            var s = d.Streets[rnd.Next(d.Streets.Count)];
            var at = now.AddMinutes(-rnd.Next(1, 600));
            var id = Guid.NewGuid();
            var due = rnd.Next(10) == 0 ? at.AddMinutes(30) : at.AddDays(2);
            entries.Add(EnvelopeWriter.ToFields(new TicketReceived(id, "12345", cats[rnd.Next(cats.Length)], contents[rnd.Next(contents.Length)], "139****1234", due), s.Code, "hotline-12345", at));
            tickets.Add((id, s.Code));
        }
        foreach (var (id, street) in tickets.Take(250))
        {
            var body = d.Bodies[rnd.Next(d.Bodies.Count)].Code;
            var at = now.AddSeconds(-rnd.Next(60, 3000));
            entries.Add(EnvelopeWriter.ToFields(new TicketAssigned(id, body), street, "console", at));
            entries.Add(EnvelopeWriter.ToFields(new TicketFeedback(id, "已处理"), street, "console", at.AddSeconds(1)));
            entries.Add(EnvelopeWriter.ToFields(new TicketVerified(id, "满意"), street, "console", at.AddSeconds(2)));
            entries.Add(EnvelopeWriter.ToFields(new TicketClosed(id), street, "console", at.AddSeconds(3)));
            entries.Add(EnvelopeWriter.ToFields(new TicketEvaluated(id, rnd.Next(20) == 0 ? Satisfaction.Dissatisfied : Satisfaction.Satisfied), street, "console", at.AddSeconds(4)));
        }
        for (var i = 0; i < 200; i++)
        {
            var s = d.Streets[rnd.Next(d.Streets.Count)];
            var grid = s.Communities[rnd.Next(s.Communities.Count)].Grids[0].Id;
            var at = now.AddMinutes(-rnd.Next(1, 300));
            entries.Add(EnvelopeWriter.ToFields(new IncidentReported(Guid.NewGuid(), grid, cats[rnd.Next(cats.Length)], rnd.Next(1, 5), "沿街商铺占道经营", DueAt: at.AddHours(rnd.Next(0, 2) == 0 ? 1 : 8)), s.Code, "grid-app", at));
        }
        for (var i = 0; i < 6; i++)
        {
            var s = d.Streets[i];
            entries.Add(EnvelopeWriter.ToFields(new WhistleBlown(Guid.NewGuid(), i % 3 == 0 ? WhistleLevel.ToughProblem : WhistleLevel.WorkAdvance, "老旧小区加装电梯协调", [d.Departments[0].Code, d.Departments[2].Code], now.AddHours(2)), s.Code, "console", now.AddMinutes(-30)));
        }
        for (var i = 0; i < 20; i++)
        {
            var team = d.Teams.Values.ElementAt(i * 3);
            var id = Guid.NewGuid();
            entries.Add(EnvelopeWriter.ToFields(new DispatchCreated(id, team.Team.Id), team.Street.Code, "enforcement", now.AddSeconds(-100 + i)));
            if (i % 2 == 0) entries.Add(EnvelopeWriter.ToFields(new DispatchAcknowledged(id), team.Street.Code, "enforcement", now.AddSeconds(-50 + i)));
            if (i % 4 == 0) entries.Add(EnvelopeWriter.ToFields(new DispatchEnRoute(id), team.Street.Code, "enforcement", now.AddSeconds(-40 + i)));
        }
        var ordered = entries.OrderBy(e => e["occurredAt"]).ToList();
        await log.AppendAsync(ordered);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        foreach (var (w, h) in new[] { (1920, 1080), (3840, 2160) })
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = w, Height = h } });
            await page.GotoAsync($"{address}/wall");
            await page.Locator(".wall[data-circuit='connected']").WaitForAsync();
            await Task.Delay(1500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/wall-{w}.png" });
            var overflow = await page.EvaluateAsync<string>("() => `${document.documentElement.scrollWidth}x${document.documentElement.scrollHeight}`");
            File.WriteAllText($"/tmp/wall-{w}.txt", overflow);
        }
    }
}
