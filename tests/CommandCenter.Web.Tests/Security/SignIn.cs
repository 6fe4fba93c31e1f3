using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommandCenter.Web.Tests.Security;

/// <summary>Signs in the way a person does: the sign-in page's form, its antiforgery token, the POST.</summary>
internal static partial class SignIn
{
    public static HttpClient AnonymousClient(this WebApplicationFactory<Program> factory, string? clientIp = null)
    {
        // On Kestrel (UseKestrel), the real address; on the TestServer, its default.
        var kestrel = factory.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal));
        var client = kestrel is not null
            ? new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(kestrel) }
            : factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (clientIp is not null)
            client.DefaultRequestHeaders.Add("X-Test-Client-Ip", clientIp);
        return client;
    }

    public static async Task<HttpClient> SignedInClientAsync(this WebApplicationFactory<Program> factory, string userName, string password = DemoAccountSeeder.Password, string? clientIp = null)
    {
        var client = factory.AnonymousClient(clientIp ?? $"10.9.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}");
        using var response = await client.PostSignInAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/signin", StringComparison.Ordinal) != true,
            $"sign-in of {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>Fetches the form (antiforgery cookie and token), then posts the credentials.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string userName, string password, string returnUrl = "/wall")
    {
        var token = await AntiforgeryTokenAsync(client, "/signin");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = userName, ["password"] = password, ["returnUrl"] = returnUrl,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var input = InputPattern().Match(html);
        return input.Success && ValuePattern().Match(input.Value) is { Success: true } value ? WebUtility.HtmlDecode(value.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {page}");
    }

    /// <summary>In a real browser: fills the sign-in form and waits to land on <paramref name="returnUrl"/>.</summary>
    public static async Task InBrowserAsync(IPage page, string address, string userName, string returnUrl = "/wall")
    {
        await page.GotoAsync($"{address}/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("input[name=username]", userName);
        await page.FillAsync("input[name=password]", DemoAccountSeeder.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl, new() { Timeout = 15_000 });
    }

    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex ValuePattern();
}
