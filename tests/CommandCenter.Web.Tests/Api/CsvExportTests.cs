using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommandCenter.Web.Api;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Api;

/// <summary>
/// Exports: RFC 4180 CSV with CRLF, UTF-8 with a BOM (Excel and WPS on zh-CN desktops open the Chinese intact), sent
/// as an attachment, and no cell a spreadsheet would run as a formula, however it is disguised. Tested on the bytes.
/// </summary>
public sealed class CsvExportTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The kind: every way a cell can start a formula, with or without blanks or control characters before it.</summary>
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1+1")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\n=1+1")]
    [InlineData("  =1+1")]
    [InlineData("\u3000=1+1")]
    [InlineData("＝1+1")]
    [InlineData("\t老旧小区")]
    [InlineData("\r老旧小区")]
    public void Neutralized_ACellThatReadsAsAFormula_StartsWithAnApostrophe(string cell)
    {
        Assert.Equal("'" + cell, Csv.Neutralized(cell));
    }

    [Theory]
    [InlineData("老旧小区加装电梯")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Neutralized_PlainText_IsLeftAsItIs(string cell)
    {
        Assert.Equal(cell, Csv.Neutralized(cell));
    }

    [Fact]
    public void Write_QuotesEveryFieldDoublesQuotesEndsRecordsWithCrLfAndStartsWithTheBom()
    {
        var bytes = Csv.Write(["id", "title"], [["1", "他说\"好\"\r\n第二行"], ["2", "\t=HYPERLINK(\"http://evil.example\")"]]);

        Assert.Equal(Bom, bytes[..3]);
        Assert.Equal("\"id\",\"title\"\r\n\"1\",\"他说\"\"好\"\"\r\n第二行\"\r\n\"2\",\"'\t=HYPERLINK(\"\"http://evil.example\"\")\"\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    /// <summary>The example: a whistle titled with a TAB before <c>=</c>, exported through the API.</summary>
    [Fact]
    public async Task ExportWhistles_TitleWithATabBeforeEquals_IsNeutralisedInAnAttachmentWithTheBom()
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");
        var id = Guid.NewGuid();
        using var blown = await director.PostAsJsonAsync("/api/v1/commands", new
        {
            type = "whistle.blown", street = "ninghailu",
            data = new { whistleId = id, level = "work-advance", title = "\t=HYPERLINK(\"http://evil.example\",\"电梯\")", departments = new[] { "chengguan" }, reportDueAt = DateTimeOffset.UtcNow.AddHours(4) },
        });
        Assert.Equal(HttpStatusCode.Accepted, blown.StatusCode);
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.Whistles.ContainsKey(id), "the whistle reaches the live state");

        using var export = await director.GetAsync("/api/v1/export/whistles.csv");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", export.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("whistles.csv", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(Bom, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("\"id\",\"street\",\"level\",\"status\",\"title\"\r\n", text);
        Assert.Contains($"\"{id}\",\"ninghailu\",\"WorkAdvance\",\"Blown\",\"'\t=HYPERLINK(\"\"http://evil.example\"\",\"\"电梯\"\")\"\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
    }
}
