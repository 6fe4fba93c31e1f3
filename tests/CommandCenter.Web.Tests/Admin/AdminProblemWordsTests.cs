using System.Globalization;
using System.Reflection;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Admin;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Tests.Admin;

/// <summary>
/// Refusals of the admin stores and of Identity read in the page's language: every rule has words in both languages
/// that take its values, and none shows the English a store or Identity wrote for <c>cc</c> and the logs.
/// </summary>
public sealed class AdminProblemWordsTests
{
    public static TheoryData<AdminRule, string> RulesInBothLanguages()
    {
        var data = new TheoryData<AdminRule, string>();
        foreach (var rule in Enum.GetValues<AdminRule>())
            foreach (var culture in Cultures.Supported)
                data.Add(rule, culture);
        return data;
    }

    [Theory]
    [MemberData(nameof(RulesInBothLanguages))]
    public void Local_EveryRule_HasWordsThatTakeItsValues(AdminRule rule, string culture)
    {
        using var _ = new CultureScope(culture);
        var problem = new AdminProblem(rule, "the English words", [Roles.StreetLeader, "value-two", "value-three"]);

        var words = AdminProblemWords.Local(problem);

        Assert.NotEqual(AdminProblemWords.Key(rule), UiText.Get(AdminProblemWords.Key(rule), Cultures.English)); // an English text exists
        Assert.DoesNotContain("the English words", words);
        Assert.DoesNotMatch(@"\{\d\}", words); // every value in its place
        Assert.Equal(culture == "zh-CN", words.Any(c => c is >= '\u4e00' and <= '\u9fff'));
    }

    [Fact]
    public void Local_ARoleNeedsAStreet_SaysTheRolesNameAndTheStreets()
    {
        using var _ = new CultureScope("zh-CN");
        var problem = AccountRules.Problem(Roles.StreetLeader, null, null, CommandCenter.Core.Reference.DistrictModel.Gulou)!;

        Assert.Equal(AdminRule.RoleNeedsStreet, problem.Rule);
        Assert.StartsWith("街道领导须绑定街道（", AdminProblemWords.Local(problem));
        Assert.Contains("ninghailu", AdminProblemWords.Local(problem));
        Assert.Contains("StreetLeader needs a street", problem.Message); // what cc users create prints
    }

    [Theory]
    [InlineData("zh-CN", "密码至少 12 个字符")]
    [InlineData("en-US", "the password needs at least 12 characters")]
    public void IdentityErrors_PasswordTooShort_InThePagesLanguageWithIdentitysCode(string culture, string expected)
    {
        using var _ = new CultureScope(culture);

        var error = new LocalizedIdentityErrors().PasswordTooShort(12);

        Assert.Equal(expected, error.Description);
        Assert.Equal(new IdentityErrorDescriber().PasswordTooShort(12).Code, error.Code);
    }

    /// <summary>Every error Identity's describer has, called with sample values: a new one in a later Identity fails here.</summary>
    public static TheoryData<string> DescriberErrors() =>
        [.. typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError)).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(DescriberErrors))]
    public void IdentityErrors_EveryErrorOfTheDescriber_IsWordedInBothLanguagesWithIdentitysCode(string name)
    {
        var method = typeof(IdentityErrorDescriber).GetMethod(name)!;
        var values = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)3 : "x-1").ToArray();
        Assert.Equal(typeof(LocalizedIdentityErrors), typeof(LocalizedIdentityErrors).GetMethod(name)!.DeclaringType);

        string Describe(string culture)
        {
            using var _ = new CultureScope(culture);
            var error = (IdentityError)method.Invoke(new LocalizedIdentityErrors(), values)!;
            Assert.Equal(((IdentityError)method.Invoke(new IdentityErrorDescriber(), values)!).Code, error.Code);
            return error.Description;
        }

        var chinese = Describe("zh-CN");
        var english = Describe("en-US");
        Assert.Contains(chinese, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.DoesNotContain(english, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.All(values.OfType<string>(), value => { Assert.Contains(value, chinese); Assert.Contains(value, english); });
    }

    /// <summary>The current UI culture for one test, as a circuit started in it has.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly (CultureInfo, CultureInfo) _saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

        public CultureScope(string name) =>
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo(name), CultureInfo.GetCultureInfo(name));

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = _saved;
    }
}
