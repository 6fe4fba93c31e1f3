using Bunit;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Streets;
using CommandCenter.Web.Tests.Fakes;

namespace CommandCenter.Web.Tests.Streets;

/// <summary>The street console (/street/{code}): one street's items, teams, communities and the 8 bodies' loads.</summary>
public sealed class StreetConsoleTests
{
    private static readonly DateTimeOffset Noon = TestEvents.Noon;

    private static Dictionary<string, string> Ticket(Guid id, string street = "ninghailu", DateTimeOffset? due = null) =>
        EnvelopeWriter.ToFields(new TicketReceived(id, "12345", "噪音扰民", "夜间施工噪音", "138****0000", due ?? Noon.AddDays(1)), street, "hotline-12345", Noon.AddHours(-3));

    [Fact]
    public async Task Street_OpenWork_CountsEachBodysLoadAndEachCommunitysIncidentsOfThisStreetOnly()
    {
        await using var bed = new PageBed("director.ninghailu", Roles.StreetDirector, street: "ninghailu");
        Guid t1 = Guid.NewGuid(), t2 = Guid.NewGuid(), t3 = Guid.NewGuid(), elsewhere = Guid.NewGuid();
        Guid i1 = Guid.NewGuid(), i2 = Guid.NewGuid(), i3 = Guid.NewGuid(), otherIncident = Guid.NewGuid();
        var at = Noon.AddHours(-2);
        await bed.GivenAsync(
            Ticket(t1), Ticket(t2), Ticket(t3, due: Noon.AddHours(-1)), Ticket(elsewhere, "huaqiaolu"),
            TestEvents.Event(new TicketAssigned(t1, "city-management"), at),
            TestEvents.Event(new TicketAssigned(t2, "city-management"), at),
            TestEvents.Event(new TicketAssigned(t3, "livelihood"), at),
            TestEvents.Event(new TicketAssigned(elsewhere, "city-management"), at, "huaqiaolu"),
            TestEvents.Incident(i1, 2, at, grid: TestEvents.Grid(community: 0)),
            TestEvents.Incident(i2, 3, at, grid: TestEvents.Grid(community: 0, grid: 1)),
            TestEvents.Incident(i3, 3, at, grid: TestEvents.Grid(community: 1)),
            TestEvents.Incident(otherIncident, 1, at, street: "huaqiaolu"),
            TestEvents.Event(new IncidentAccepted(i1), at),
            TestEvents.Event(new IncidentAssigned(i1, "enforcement-bureau"), at),
            TestEvents.Event(new DispatchCreated(Guid.NewGuid(), TestEvents.Team(index: 1), i3), at));

        var cut = bed.Ctx.Render<StreetPage>(p => p.Add(c => c.Code, "ninghailu"));

        string Load(string body, string column) => cut.Find($"[data-testid=body-load][data-body='{body}'] [data-testid={column}]").TextContent;
        Assert.Equal(8, cut.FindAll("[data-testid=body-load]").Count);
        Assert.Equal(("2", "0"), (Load("city-management", "body-tickets"), Load("city-management", "body-incidents")));
        Assert.Equal(("1", "0"), (Load("livelihood", "body-tickets"), Load("livelihood", "body-incidents")));
        Assert.Equal(("0", "1"), (Load("enforcement-bureau", "body-tickets"), Load("enforcement-bureau", "body-incidents")));

        var communities = Core.Reference.DistrictModel.Gulou.StreetsByCode["ninghailu"].Communities;
        string Community(int index) => cut.Find($"[data-community='{communities[index].Id}'] [data-testid=community-incidents]").TextContent;
        Assert.Equal(communities.Count, cut.FindAll("[data-testid=community]").Count);
        Assert.Equal(("2", "1", "0"), (Community(0), Community(1), Community(2)));

        Assert.Equal(3, cut.FindAll("[data-testid=street-tickets] [data-ticket]").Count);
        Assert.Empty(cut.FindAll($"[data-ticket='{elsewhere}'], [data-incident='{otherIncident}']"));
        Assert.Contains("1", cut.Find("[data-testid=overdue-tickets]").TextContent);
        Assert.Equal("dispatched", cut.Find($"[data-testid=team-row][data-team='{TestEvents.Team(index: 1)}']").GetAttribute("data-team-status"));
        Assert.Equal(6, cut.FindAll("[data-testid=team-row]").Count);
    }

    [Fact]
    public async Task Street_NewIncidentInTheLog_AppearsLive()
    {
        await using var bed = new PageBed();
        await bed.GivenAsync();
        var cut = bed.Ctx.Render<StreetPage>(p => p.Add(c => c.Code, "ninghailu"));
        Assert.Empty(cut.FindAll("[data-testid=street-incidents] [data-incident]"));
        var incident = Guid.NewGuid();

        bed.Memory.Append(TestEvents.Incident(incident, 2, Noon));
        await bed.TailAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-testid=street-incidents] [data-incident='{incident}']")));
    }

    [Fact]
    public async Task Street_UnknownCode_SaysSo()
    {
        await using var bed = new PageBed();
        await bed.GivenAsync();

        var cut = bed.Ctx.Render<StreetPage>(p => p.Add(c => c.Code, "nowhere"));

        Assert.Contains("未知街道", cut.Find("[data-testid=unknown-street]").TextContent);
    }

    [Fact]
    public async Task Street_TicketWithNumbersInItsContent_ShowsThemMasked()
    {
        await using var bed = new PageBed("director.ninghailu", Roles.StreetDirector, street: "ninghailu");
        var id = Guid.NewGuid();
        await bed.GivenAsync(EnvelopeWriter.ToFields(new TicketReceived(id, "12345", "噪音扰民", "请回电 +86 139 1234 0001，身份证320106199001011234", "138****0000", Noon.AddDays(1)),
            "ninghailu", "hotline-12345", Noon.AddHours(-3)));

        var cut = bed.Ctx.Render<StreetPage>(p => p.Add(c => c.Code, "ninghailu"));

        var line = cut.Find($"[data-ticket='{id}']").TextContent;
        Assert.Contains("139****0001", line);
        Assert.Contains("3201**********1234", line);
        Assert.DoesNotContain("1234 0001", line);
    }
}
