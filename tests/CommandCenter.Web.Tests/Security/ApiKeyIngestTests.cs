using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Infrastructure.Database;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

public sealed class ApiKeyIngestTests
{
    private static async Task<(ApiKeyInfo Key, HttpClient Client)> ProducerAsync(WallAppFactory factory, string source = "hotline-12345")
    {
        var (key, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync(source, "test");
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return (key, client);
    }

    private static object Envelope(Dictionary<string, string> fields) => new Dictionary<string, object>
    {
        ["id"] = fields["id"], ["type"] = fields["type"], ["occurredAt"] = fields["occurredAt"], ["source"] = fields["source"],
        ["street"] = fields["street"], ["v"] = 1, ["data"] = JsonDocument.Parse(fields["data"]).RootElement,
    };

    private static async Task<long> LogLengthAsync(WallAppFactory factory) =>
        (await factory.MemoryLog.AppendedAsync()).Count;

    [Fact]
    public async Task Ingest_ValidBatchWithKey_AppendsEveryEnvelope()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, producer) = await ProducerAsync(factory);
        var batch = Enumerable.Range(0, 3).Select(_ => Envelope(TestEvents.TicketReceived(TestEvents.Noon))).ToList();

        using var response = await producer.PostAsJsonAsync("/api/v1/events", batch);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, await LogLengthAsync(factory));
    }

    [Fact]
    public async Task Ingest_WithoutKey_Is401()
    {
        await using var factory = new WallAppFactory { FakeLog = true };

        using var response = await factory.AnonymousClient().PostAsJsonAsync("/api/v1/events", new[] { Envelope(TestEvents.TicketReceived(TestEvents.Noon)) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await LogLengthAsync(factory));
    }

    [Fact]
    public async Task Ingest_SignedInPersonWithoutKey_Is401()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var person = await factory.SignedInClientAsync("admin");

        using var response = await person.PostAsJsonAsync("/api/v1/events", new[] { Envelope(TestEvents.TicketReceived(TestEvents.Noon)) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_RevokedKey_Is401AndAppendsNothing()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (key, producer) = await ProducerAsync(factory);
        Assert.True(await factory.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(key.Id, "admin"));

        using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(TestEvents.TicketReceived(TestEvents.Noon)) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await LogLengthAsync(factory));
        var audit = await factory.Services.GetRequiredService<SecurityAudit>().RecentAsync();
        Assert.Contains(audit, e => e.Kind == SecurityAudit.ApiKeyRevoked && e.Subject == $"api-key:{key.Id}");
    }

    [Fact]
    public async Task Ingest_BatchWithBadItems_Is400NamingEachAndAppendsNone()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, producer) = await ProducerAsync(factory);
        var good = TestEvents.TicketReceived(TestEvents.Noon);
        var badStreet = TestEvents.TicketReceived(TestEvents.Noon);
        badStreet["street"] = "atlantis";
        var otherSource = TestEvents.TicketReceived(TestEvents.Noon);
        otherSource["source"] = "console";

        using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(good), Envelope(badStreet), Envelope(otherSource) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([1, 2], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal(badStreet["id"], errors[0].GetProperty("id").GetString());
        Assert.Contains("atlantis", errors[0].GetProperty("error").GetString());
        Assert.Contains("not this key's source", errors[1].GetProperty("error").GetString());
        Assert.Equal(0, await LogLengthAsync(factory));
    }

    [Fact]
    public async Task Ingest_MoreThanAThousandEnvelopes_Is400()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, producer) = await ProducerAsync(factory);
        var one = Envelope(TestEvents.TicketReceived(TestEvents.Noon, content: "短"));

        using var response = await producer.PostAsJsonAsync("/api/v1/events", Enumerable.Repeat(one, 1001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1001", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await LogLengthAsync(factory));
    }

    [Fact]
    public async Task Ingest_BodyOverOneMegabyte_Is413()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, producer) = await ProducerAsync(factory);
        var body = "[" + new string(' ', 1024 * 1024 + 10) + "]";

        using var response = await producer.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_OverTheKeysRate_Is429()
    {
        await using var factory = new WallAppFactory { FakeLog = true, Settings = { ["Security:IngestPerMinute"] = "3" } };
        var (_, producer) = await ProducerAsync(factory);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(TestEvents.TicketReceived(TestEvents.Noon)) });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var (_, another) = await ProducerAsync(factory, "grid-app");
        using var other = await another.PostAsJsonAsync("/api/v1/events", Array.Empty<object>());
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task ApiKeys_AreStoredOnlyAsHashes()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("enforcement", "test");
        await using var connection = await factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();

        var row = await connection.QuerySingleAsync<(string Source, string Hash)>("SELECT source, secret_hash FROM api_keys");

        Assert.Equal("enforcement", row.Source);
        Assert.Equal(Secrets.Hash(secret), row.Hash);
        Assert.DoesNotContain(secret, row.Hash);
    }
}
