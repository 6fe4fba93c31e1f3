using System.Text;
using CommandCenter.Core.Text;

namespace CommandCenter.Core.Tests.Text;

public sealed class TextElementsTests
{
    /// <summary>Each kind of element a UTF-16 cut breaks: surrogate-pair emoji, ZWJ sequences, flags, skin tones, CJK Extension B, combining marks.</summary>
    [Theory]
    [InlineData("沟通😀")]
    [InlineData("沟通👨‍👩‍👧")]
    [InlineData("沟通🇨🇳")]
    [InlineData("沟通👍🏽")]
    [InlineData("沟通𠀀")]
    [InlineData("沟通e\u0301")]
    public void Clip_AtAnElement_NeverSplitsIt(string head)
    {
        var text = head + "后面还有很多文字";
        var clipped = TextElements.Clip(text, 4);

        Assert.Equal(head + "…", clipped);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(clipped)));
    }

    [Fact]
    public void Clip_ShortText_IsUnchanged() => Assert.Equal("沟通😀", TextElements.Clip("沟通😀", 3));

    [Fact]
    public void Clip_OneLine_JoinsLines() => Assert.Equal("a b", TextElements.Clip("a\nb", 10, oneLine: true));

    [Theory]
    [InlineData("ab😀cd", 3, "ab…")]
    [InlineData("ab😀cd", 4, "ab😀…")]
    [InlineData("abe\u0301", 3, "ab…")]
    [InlineData("abc", 3, "abc")]
    public void ClipUnits_CutsOnTheLastWholeElement(string text, int max, string clipped) =>
        Assert.Equal(clipped, TextElements.ClipUnits(text, max));
}
