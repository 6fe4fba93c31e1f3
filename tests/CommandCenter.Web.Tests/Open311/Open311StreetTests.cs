using CommandCenter.Core.Reference;
using CommandCenter.Web.Open311;

namespace CommandCenter.Web.Tests.Open311;

public sealed class Open311StreetTests
{
    [Theory]
    [InlineData("ninghailu", "ninghailu")]
    [InlineData("NingHaiLu", "ninghailu")]
    [InlineData("宁海路街道", "ninghailu")]
    [InlineData("宁海路", "ninghailu")]
    [InlineData("320106001000", "ninghailu")]
    [InlineData("下关街道", "yuejianglou")]
    [InlineData("下关", "yuejianglou")]
    [InlineData("阅江楼", "yuejianglou")]
    [InlineData(" 凤凰街道 ", "fenghuang")]
    public void StreetOf_CodeNameFormerNameOrDivisionCode_FindsTheStreet(string text, string code) =>
        Assert.Equal(code, Open311Submission.StreetOf(text, DistrictModel.Gulou));

    [Theory]
    [InlineData("玄武门")]
    [InlineData("街道")]
    [InlineData("320106")]
    public void StreetOf_AnythingElse_IsNull(string text) =>
        Assert.Null(Open311Submission.StreetOf(text, DistrictModel.Gulou));

    [Theory]
    [InlineData("13912340001", "139****0001")]
    [InlineData("+86 139-1234-0001", "139****0001")]
    [InlineData("025-8321-0000", "025****0000")]
    [InlineData("", "匿名")]
    [InlineData("12345", "****")]
    public void Mask_Phone_KeepsOnlyTheEnds(string phone, string masked) =>
        Assert.Equal(masked, Open311Submission.Mask(phone));
}
