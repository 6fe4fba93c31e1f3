using CommandCenter.Core.Events;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Wall;

namespace CommandCenter.Web.Tests.Wall;

/// <summary>The ticker's line as people write the ticket: numbers inside the text, emoji and rare characters at the cut.</summary>
public sealed class TickerTextTests
{
    private static TickerRow Row(string content)
    {
        var envelope = new EnvelopeParser(DistrictModel.Gulou).Parse(TestEvents.TicketReceived(TestEvents.Noon, content: content, category: "噪音扰民")).Envelope!;
        return new EventLabels(DistrictModel.Gulou).Row(envelope, DistrictState.Empty);
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("𠀀")]
    [InlineData("e\u0301")]
    public void Row_ElementAtTheCut_IsKeptWholeOrLeftOut(string element)
    {
        // "噪音扰民｜" is 5 elements; 42 more put the element on the 48th and last place of the line.
        var content = new string('沟', 42) + element + "后面的诉求还很长很长";

        var summary = Row(content).Summary.Zh;

        Assert.EndsWith("…", summary);
        Assert.DoesNotContain('\uFFFD', summary);
        Assert.False(char.IsHighSurrogate(summary[^2]), "a lone high surrogate before the ellipsis");
        Assert.True(summary.Contains(element) || summary.EndsWith("沟…"), summary);
    }

    [Theory]
    [InlineData("请回电 0086 139 1234 0001", "139****0001")]
    [InlineData("身份证320106199001011234", "3201**********1234")]
    [InlineData("物业025-83210000转8001", "025****0000-8001")]
    public void Row_NumbersInTheContent_AreMasked(string content, string masked)
    {
        var row = Row(content);

        Assert.Contains(masked, row.Summary.Zh);
        Assert.Contains(masked, row.Summary.En);
    }
}
