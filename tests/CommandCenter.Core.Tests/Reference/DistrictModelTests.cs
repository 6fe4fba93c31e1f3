using CommandCenter.Core.Reference;

namespace CommandCenter.Core.Tests.Reference;

/// <summary>The embedded reference model against the figures of the Gulou reform (docs/domain.md).</summary>
public sealed class DistrictModelTests
{
    private static readonly DistrictModel Gulou = DistrictModel.Gulou;

    public static TheoryData<string, string, string> Streets => new()
    {
        { "ninghailu", "宁海路", "320106001000" },
        { "huaqiaolu", "华侨路", "320106002000" },
        { "hunanlu", "湖南路", "320106003000" },
        { "zhongyangmen", "中央门", "320106004000" },
        { "yijiangmen", "挹江门", "320106005000" },
        { "jiangdong", "江东", "320106006000" },
        { "fenghuang", "凤凰", "320106007000" },
        { "yuejianglou", "阅江楼", "320106008000" },
        { "rehenanlu", "热河南路", "320106009000" },
        { "mufushan", "幕府山", "320106010000" },
        { "jianninglu", "建宁路", "320106011000" },
        { "baotaqiao", "宝塔桥", "320106012000" },
        { "xiaoshi", "小市", "320106013000" },
    };

    [Fact]
    public void Gulou_Streets_AreTheThirteenInDesignOrder()
    {
        Assert.Equal(
            ["ninghailu", "huaqiaolu", "hunanlu", "zhongyangmen", "yijiangmen", "jiangdong", "fenghuang", "yuejianglou",
             "rehenanlu", "mufushan", "jianninglu", "baotaqiao", "xiaoshi"],
            Gulou.Streets.Select(s => s.Code));
        Assert.Equal(("320106", "鼓楼区"), (Gulou.District.Code, Gulou.District.Name));
    }

    [Theory]
    [MemberData(nameof(Streets))]
    public void Gulou_EachStreet_HasItsNameAndDivisionCode(string code, string name, string divisionCode)
    {
        var street = Gulou.StreetsByCode[code];

        Assert.StartsWith(name, street.Name);
        Assert.Equal(divisionCode, street.DivisionCode);
        Assert.StartsWith(Gulou.District.Code, street.DivisionCode);
    }

    [Fact]
    public void Gulou_Yuejianglou_RemembersItsFormerNameXiaguan()
    {
        Assert.Contains(Gulou.StreetsByCode["yuejianglou"].FormerNames, n => n.StartsWith("下关", StringComparison.Ordinal));
        Assert.All(Gulou.Streets.Where(s => s.Code != "yuejianglou"), s => Assert.DoesNotContain(s.FormerNames, n => n.StartsWith("下关", StringComparison.Ordinal)));
    }

    [Fact]
    public void Gulou_Communities_Are120WithUniqueIds()
    {
        var communities = Gulou.Streets.SelectMany(s => s.Communities).ToList();

        Assert.Equal(120, communities.Count);
        Assert.Equal(120, communities.Select(c => c.Id).Distinct().Count());
        Assert.All(Gulou.Streets, s => Assert.NotEmpty(s.Communities));
    }

    [Fact]
    public void Gulou_Grids_Are980ComprehensiveAnd600Exclusive()
    {
        var grids = Gulou.Grids.Values.Select(g => g.Grid).ToList();

        Assert.Equal(980, grids.Count(g => g.Kind == "comprehensive"));
        Assert.Equal(600, grids.Count(g => g.Kind == "exclusive"));
        Assert.Equal(1580, grids.Count);
        Assert.All(grids.Where(g => g.Kind == "exclusive"), g => Assert.False(string.IsNullOrWhiteSpace(g.SubKind)));
        Assert.All(Gulou.Grids.Values, g => Assert.StartsWith(g.Street.Code + "-", g.Grid.Id));
    }

    [Fact]
    public void Gulou_Bodies_AreTheEightOfEveryStreet()
    {
        Assert.Equal(
            ["党政综合部", "民生保障部", "城市管理部", "发展服务部", "平安建设部", "综合行政执法局", "社会治理综合指挥中心", "便民服务中心"],
            Gulou.Bodies.Select(b => b.Name));
        Assert.Equal(8, Gulou.BodiesByCode.Count);
    }

    [Fact]
    public void Gulou_Teams_AreChengguanSquadAndMarketBranchUnitsOfEveryStreet()
    {
        Assert.Equal(78, Gulou.Teams.Count);
        Assert.All(Gulou.Streets, street =>
        {
            Assert.Contains(street.Teams, t => t.Kind == "chengguan-squad");
            Assert.Contains(street.Teams, t => t.Kind == "market-branch");
            Assert.All(street.Teams, t => Assert.StartsWith(street.Code + "-", t.Id));
        });
        Assert.Equal(13, Gulou.Streets.Count(s => s.Teams.Any(t => t.Kind == "chengguan-squad")));
        Assert.Equal(13, Gulou.Streets.Count(s => s.Teams.Any(t => t.Kind == "market-branch")));
        Assert.All(Gulou.Teams.Values, t => Assert.True(t.Team.Officers > 0, $"{t.Team.Id} has no officers"));
    }

    [Fact]
    public void Gulou_Officers_Sum483()
    {
        Assert.Equal(483, Gulou.Teams.Values.Sum(t => t.Team.Officers));
    }

    [Fact]
    public void Gulou_PenaltyPowers_Sum251FromSixDepartments()
    {
        var granting = Gulou.Departments.Where(d => d.PenaltyPowers > 0).ToList();

        Assert.Equal(251, granting.Sum(d => d.PenaltyPowers));
        Assert.Equal(6, granting.Count);
        Assert.Contains(granting, d => d.Code == "chengguan");
        Assert.Contains(granting, d => d.Code == "market");
        Assert.Equal(Gulou.Departments.Count, Gulou.DepartmentsByCode.Count);
    }
}
