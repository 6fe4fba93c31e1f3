using CommandCenter.Web.Wall;
using MudBlazor.Utilities;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>
/// Every text colour of the wall's theme against what it is written on meets WCAG 2.1's 4.5:1 for normal text (success
/// criterion 1.4.3): the body texts on the page and its panels, and each filled colour's contrast text (a snackbar, a
/// chip, a filled button). axe checks the pages it sees; this checks the pairs a page shows only now and then (a
/// tough-problem whistle's amber snackbar read white on amber at 2.1:1).
/// </summary>
public sealed class WallThemeContrastTests
{
    private const double Minimum = 4.5;

    public static TheoryData<string, string, string> Pairs()
    {
        var p = WallTheme.Theme.PaletteDark;
        return new()
        {
            { "text on background", p.TextPrimary.Value, p.Background.Value },
            { "text on surface", p.TextPrimary.Value, p.Surface.Value },
            { "secondary text on surface", p.TextSecondary.Value, p.Surface.Value },
            { "on primary", p.PrimaryContrastText.Value, p.Primary.Value },
            { "on secondary", p.SecondaryContrastText.Value, p.Secondary.Value },
            { "on error", p.ErrorContrastText.Value, p.Error.Value },
            { "on warning", p.WarningContrastText.Value, p.Warning.Value },
            { "on success", p.SuccessContrastText.Value, p.Success.Value },
            { "on info", p.InfoContrastText.Value, p.Info.Value },
        };
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Palette_TextAgainstItsGround_MeetsWcagAA(string pair, string text, string ground)
    {
        var ratio = Contrast(new MudColor(text), new MudColor(ground));
        Assert.True(ratio >= Minimum, $"{pair}: {text} on {ground} is {ratio:F2}:1, below {Minimum}:1");
    }

    [Fact]
    public void Contrast_BlackOnWhite_IsTwentyOneToOne() =>
        Assert.Equal(21.0, Contrast(new MudColor("#000000"), new MudColor("#ffffff")), precision: 2);

    /// <summary>WCAG 2.1's contrast ratio: (L1 + 0.05) / (L2 + 0.05) over the relative luminances, lighter first.</summary>
    private static double Contrast(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c) => 0.2126 * Linear(c.R) + 0.7152 * Linear(c.G) + 0.0722 * Linear(c.B);

    private static double Linear(byte channel)
    {
        var s = channel / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
