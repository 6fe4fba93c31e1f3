using System.Text;

namespace CommandCenter.Core.Tests.Docs;

/// <summary>
/// Splits one POSIX shell command line into words, as bash would for the documented examples: single quotes keep
/// everything literally, double quotes allow backslash escapes of <c>" \ $ `</c>, a bare backslash escapes the next character.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                        words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                        throw new FormatException($"unterminated single quote at column {i + 1}");
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    for (; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && "\"\\$`".Contains(line[i + 1]))
                            i++;
                        word.Append(line[i]);
                    }
                    if (i >= line.Length)
                        throw new FormatException("unterminated double quote");
                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }
}
