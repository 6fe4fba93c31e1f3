using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Every malformed request answers 4xx with a problem body and stores nothing; return URLs pass the framework's
/// local-URL check; an id outside the caller's scope answers exactly as an unknown id; no absolute URL is built from
/// the request's Host header.
/// </summary>
public sealed class MalformedRequestTests
{
    private static async Task<int> DomainEventsAsync(WallAppFactory factory) =>
        (await factory.Services.GetRequiredService<IEventLog>().AppendedAsync()).Count;

    /// <summary>The example (<c>actor</c> beside <c>Actor</c>, a lone <c>Actor</c>) and the kind: bodies that are not a command.</summary>
    [Theory]
    [InlineData("""{"type":"ticket.feedback","street":"ninghailu","data":{"ticketId":"0d9c7e7e-3a3e-4c1e-9f5e-1b2a3c4d5e6f","answer":"已处理","actor":{"userId":"x"},"Actor":{"userId":"y"}}}""")]
    [InlineData("""{"type":"ticket.feedback","street":"ninghailu","data":{"ticketId":"0d9c7e7e-3a3e-4c1e-9f5e-1b2a3c4d5e6f","answer":"已处理","Actor":{"userId":"director.huaqiaolu"}}}""")]
    [InlineData("""{"type":"ticket.feedback","Type":"ticket.closed","street":"ninghailu","data":{}}""")]
    [InlineData("""{"type":"ticket.feedback","street":"ninghailu","data":{"answer":"a","Answer":"b"}}""")]
    [InlineData("""{"type":"ticket.feedback","street":"ninghailu","data":[]}""")]
    [InlineData("""{"type":"ticket.feedback","street":"ninghailu"}""")]
    [InlineData("""{"street":"ninghailu","data":{}}""")]
    [InlineData("""{"type":5,"street":"ninghailu","data":{}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"type":""")]
    [InlineData("not json at all")]
    public async Task Command_MalformedBody_Is400ProblemAndNothingStored(string body)
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        using var response = await director.PostAsync("/api/v1/commands", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await DomainEventsAsync(factory));
    }

    /// <summary>The kind: a 4xx the framework answers before an endpoint runs still carries a problem body.</summary>
    [Fact]
    public async Task Command_WithoutAntiforgeryOrAsTheWrongMediaType_Is4xxProblem()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        using var form = await director.PostAsync("/api/v1/commands", new FormUrlEncodedContent(new Dictionary<string, string> { ["type"] = "x" }));
        using var anonymous = await factory.AnonymousClient().PostAsJsonAsync("/api/v1/commands", new { type = "x" });

        Assert.InRange((int)form.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", form.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The example (control characters) and the kind: anything failing the framework's local-URL check goes home.</summary>
    [Theory]
    [InlineData("/wall\r\nSet-Cookie: x=1")]
    [InlineData("/wall\u0000")]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("wall")]
    public async Task SignIn_ReturnUrlThatIsNotLocal_GoesToTheRoot(string returnUrl)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient("10.70.0.1");

        using var response = await client.PostSignInAsync("operator", Web.Security.DemoAccountSeeder.Password, returnUrl);

        // Home, or (a NUL the form reader refuses) a 400: never a 500, never the given URL sent back.
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/"
            || response.StatusCode == HttpStatusCode.BadRequest && response.Headers.Location is null,
            $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task SignIn_LocalReturnUrlWithChinese_IsFollowedPercentEncoded()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient("10.70.0.2");

        using var response = await client.PostSignInAsync("operator", Web.Security.DemoAccountSeeder.Password, "/tickets?q=噪音");

        Assert.Equal("/tickets?q=%E5%99%AA%E9%9F%B3", response.Headers.Location?.OriginalString);
    }

    /// <summary>The example: a director acting on another street's ticket learns what an unknown id would tell them, nothing more.</summary>
    [Fact]
    public async Task Command_OnAnotherStreetsTicket_AnswersExactlyAsAnUnknownId()
    {
        await using var factory = new WallAppFactory();
        var theirs = Guid.NewGuid();
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync([TestEvents.Event(
            new TicketReceived(theirs, "12345", "噪音扰民", "夜间施工噪音", "138****5678", DateTimeOffset.UtcNow.AddDays(3)), DateTimeOffset.UtcNow, "huaqiaolu")]);
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.Tickets.ContainsKey(theirs), "the other street's ticket is live");
        using var director = await factory.SignedInClientAsync("director.ninghailu");

        async Task<(HttpStatusCode, string)> FeedbackAsync(Guid id)
        {
            using var response = await director.PostAsJsonAsync("/api/v1/commands", new { type = "ticket.feedback", street = "ninghailu", data = new { ticketId = id, answer = "已处理" } });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (response.StatusCode, body.GetProperty("detail").GetString()!.Replace(id.ToString(), "ID"));
        }

        var other = await FeedbackAsync(theirs);
        var unknown = await FeedbackAsync(Guid.NewGuid());

        Assert.Equal(unknown, other);
        Assert.DoesNotContain("huaqiaolu", other.Item2);
    }

    /// <summary>The example: a forged Host header never reaches the sign-in redirect (relative), and outside Development is refused.</summary>
    [Fact]
    public async Task ForgedHost_IsNotReflectedInTheSignInRedirect()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var client = factory.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/wall");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("evil.example", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ForgedHost_OutsideDevelopment_IsRefusedByAllowedHosts()
    {
        await using var factory = new WallAppFactory { FakeLog = true, Environment = "Production" };
        using var client = factory.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
