using CommandCenter.Core.Text;

namespace CommandCenter.Core.Tests.Text;

public sealed class PersonalNumbersTests
{
    [Theory]
    [InlineData("身份证320106199001011234，电话13912340001", "身份证3201**********1234，电话139****0001")]
    [InlineData("证件号 32010619900101123X 已核实", "证件号 3201**********123X 已核实")]
    [InlineData("旧证 320106900101123", "旧证 3201*******1123")]
    [InlineData("没有号码的诉求", "没有号码的诉求")]
    public void Mask_IdentityCardAndPhoneInText_AreMasked(string text, string masked) =>
        Assert.Equal(masked, PersonalNumbers.Mask(text));
}
