using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Tests.Fakes;

namespace CommandCenter.Web.Tests.Localization;

/// <summary>The resource files of the fixed UI wording: the same keys in zh-CN and en-US, none empty, English in English.</summary>
public sealed partial class UiTextTests
{
    private static string ResxPath(string name) => Path.Combine(RepoPaths.Root(), "src", "CommandCenter.Web", "Localization", name);

    private static Dictionary<string, string> Read(string name) =>
        XDocument.Load(ResxPath(name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void ResourceFiles_EveryKey_ExistsInBothLanguagesWithAText()
    {
        var chinese = Read("UiText.resx");
        var english = Read("UiText.en-US.resx");

        Assert.NotEmpty(chinese);
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.All(chinese, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"zh-CN '{kv.Key}' is empty"));
        Assert.All(english, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"en-US '{kv.Key}' is empty"));
    }

    [Fact]
    public void ResourceFiles_ChineseIsTheKeyAndEnglishHasNoChinese()
    {
        var chinese = Read("UiText.resx");
        var english = Read("UiText.en-US.resx");

        // The key is the Chinese text (with an optional #context); the language switch names Chinese in Chinese.
        Assert.All(chinese, kv => Assert.Equal(kv.Key.Split('#')[0], kv.Value));
        Assert.All(english.Where(kv => kv.Key != "EN"), kv => Assert.DoesNotMatch(Cjk(), kv.Value));
    }

    [Fact]
    public void CompiledResources_EnglishSatellite_HoldsEveryKey()
    {
        var manager = new ResourceManager(typeof(UiText).FullName!, typeof(UiText).Assembly);
        var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = manager.GetResourceSet(Cultures.English, createIfNotExists: true, tryParents: false);

        Assert.NotNull(english);
        var keys = neutral.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToList();
        Assert.Equal(Read("UiText.resx").Count, keys.Count);
        Assert.All(keys, key => Assert.False(string.IsNullOrEmpty(english.GetString(key)), key));
        Assert.Equal("Whistle loop", UiText.Get("吹哨闭环", Cultures.English));
        Assert.Equal("吹哨", UiText.Get("吹哨#action", Cultures.Chinese));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
