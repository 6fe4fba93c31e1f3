using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using System.Text.RegularExpressions;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;

namespace CommandCenter.Web.Tests.Localization;

/// <summary>
/// One language per person: <c>?lang=</c> picks it and is kept in the standard culture cookie (which the Blazor
/// circuit's own requests carry), the cookie keeps it on every later page, and pages ignore the browser's
/// <c>Accept-Language</c> (the district's screens are Chinese unless switched).
/// </summary>
public sealed partial class LanguageChoiceTests
{
    [Fact]
    public async Task SignInPage_LangQuery_RendersEnglishAndKeepsItInTheCultureCookie()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient();

        using var first = await client.GetAsync("/signin?lang=en-US");
        var html = await first.Content.ReadAsStringAsync();
        var later = await client.GetStringAsync("/signin");
        var back = await client.GetStringAsync("/signin?lang=zh-CN");

        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"en-US\">", html);
        Assert.Contains("Password", html);
        Assert.DoesNotContain("密码", html);
        Assert.Contains("Password", later);
        Assert.Contains("<html lang=\"zh-CN\">", back);
        Assert.Contains("密码", back);
        Assert.DoesNotContain("Password", back);
    }

    [Fact]
    public async Task Pages_EnglishBrowserWithoutAChoice_StayChinese()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));

        var html = await client.GetStringAsync("/signin");

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("密码", html);
    }

    [Theory]
    [InlineData("/tickets", "operator")]
    [InlineData("/dispatch", "dispatcher")]
    [InlineData("/whistles", "operator")]
    [InlineData("/street/ninghailu", "director.ninghailu")]
    [InlineData("/admin/users", "admin")]
    public async Task ConsolePages_InEnglish_ShowNoStackedChineseLabels(string path, string user)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = await factory.SignedInClientAsync(user);

        var html = await client.GetStringAsync(path + "?lang=en-US");

        Assert.Contains("<html lang=\"en-US\">", html);
        Assert.Contains("data-testid=\"lang-switch\"", html);
        // Reference names come in the page's language; texts with no English (communities, grids, people's names,
        // what citizens wrote) are marked as data; the switch names Chinese in Chinese.
        var document = await new HtmlParser().ParseDocumentAsync(html);
        foreach (var element in document.QuerySelectorAll("[data-payload], [data-testid='lang-switch'], script, style").ToList()) element.Remove();
        var chinese = Cjk().Matches(document.Body!.TextContent + document.Title).Select(m => m.Value).Distinct().ToList();
        Assert.True(chinese.Count == 0, $"{path}: " + string.Join(", ", chinese));
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}]+")]
    private static partial Regex Cjk();
}
