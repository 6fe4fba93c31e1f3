namespace CommandCenter.Core.Tests.Docs;

public sealed class ShellWordsTests
{
    [Fact]
    public void Split_SingleQuotedJson_IsOneLiteralWord()
    {
        var words = ShellWords.Split("""redis-cli XADD cc:events '*' v 1 data '{"a":"b c","d":"$HOME \\n"}'""");

        Assert.Equal(["redis-cli", "XADD", "cc:events", "*", "v", "1", "data", """{"a":"b c","d":"$HOME \\n"}"""], words);
    }

    [Fact]
    public void Split_DoubleQuotesAndEscapes_FollowTheShell()
    {
        Assert.Equal(["a b", "x\"y", "c d", "ab"], ShellWords.Split("""  "a b"  "x\"y" c\ d a'b'  """));
    }

    [Fact]
    public void Split_UnterminatedQuote_Throws() => Assert.Throws<FormatException>(() => ShellWords.Split("data '{\"a\":1}"));
}
