using CommandCenter.Core.Text;

namespace CommandCenter.Core.Tests.Text;

public sealed class PhoneNumbersTests
{
    /// <summary>Every common mainland form, as a caller field, and its mask.</summary>
    [Theory]
    [InlineData("13912340001", "139****0001")]
    [InlineData("139 1234 0001", "139****0001")]
    [InlineData("139-1234-0001", "139****0001")]
    [InlineData("+86 139 1234 0001", "139****0001")]
    [InlineData("+8613912340001", "139****0001")]
    [InlineData("0086 139 1234 0001", "139****0001")]
    [InlineData("008613912340001", "139****0001")]
    [InlineData("86 139 1234 0001", "139****0001")]
    [InlineData("8613912340001", "139****0001")]
    [InlineData("(+86) 139-1234-0001", "139****0001")]
    [InlineData("025-83210000", "025****0000")]
    [InlineData("025-8321-0000", "025****0000")]
    [InlineData("(025) 8321 0000", "025****0000")]
    [InlineData("02583210000", "025****0000")]
    [InlineData("010-6512-3456", "010****3456")]
    [InlineData("0512-6752-1234", "0512****1234")]
    [InlineData("+86 25 8321 0000", "025****0000")]
    [InlineData("0086-25-83210000", "025****0000")]
    [InlineData("025-83210000-8001", "025****0000-8001")]
    [InlineData("025-83210000转8001", "025****0000-8001")]
    [InlineData("025-8321 0000 ext. 8001", "025****0000-8001")]
    [InlineData("025 83210000 分机 8001", "025****0000-8001")]
    [InlineData("", "匿名")]
    [InlineData("   ", "匿名")]
    [InlineData("12345", "****")]
    public void Mask_EveryMainlandForm_KeepsOnlyTheEnds(string phone, string masked) =>
        Assert.Equal(masked, PhoneNumbers.Mask(phone));

    /// <summary>The same forms written inside a sentence, as citizens write them into a ticket.</summary>
    [Theory]
    [InlineData("请回电13912340001谢谢", "请回电139****0001谢谢")]
    [InlineData("联系人王先生 0086 139 1234 0001，晚上在家", "联系人王先生 139****0001，晚上在家")]
    [InlineData("电话：+86 139-1234-0001。", "电话：139****0001。")]
    [InlineData("物业电话025-83210000转8001无人接听", "物业电话025****0000-8001无人接听")]
    [InlineData("打了(025)8321 0000和13812345678都没人", "打了025****0000和138****5678都没人")]
    [InlineData("拨打12345热线三次", "拨打12345热线三次")]
    [InlineData("2026-11-27 09:30 发现路灯不亮", "2026-11-27 09:30 发现路灯不亮")]
    [InlineData("门牌号 3栋1201室，工单号 202611270001234", "门牌号 3栋1201室，工单号 202611270001234")]
    public void MaskIn_FreeText_MasksOnlyThePhoneNumbers(string text, string masked) =>
        Assert.Equal(masked, PhoneNumbers.MaskIn(text));
}
