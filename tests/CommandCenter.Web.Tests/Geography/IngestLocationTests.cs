using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Geography;

/// <summary>A producer that sends coordinates instead of our street codes, through the ingest API.</summary>
public sealed class IngestLocationTests
{
    private static Dictionary<string, object> Envelope(object lat, object lon, string? street = null)
    {
        var fields = TestEvents.TicketReceived(TestEvents.Noon);
        var envelope = new Dictionary<string, object>
        {
            ["id"] = fields["id"], ["type"] = fields["type"], ["occurredAt"] = fields["occurredAt"], ["source"] = fields["source"],
            ["v"] = 1, ["data"] = JsonDocument.Parse(fields["data"]).RootElement, ["lat"] = lat, ["long"] = lon,
        };
        if (street is not null) envelope["street"] = street;
        return envelope;
    }

    private static async Task<(WallAppFactory Factory, HttpClient Client)> ProducerAsync()
    {
        var factory = new WallAppFactory { FakeLog = true };
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("hotline-12345", "test");
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return (factory, client);
    }

    [Theory]
    [InlineData(32.09026, 118.73555, "yuejianglou")]
    [InlineData("32.121", "118.800", "mufushan")]
    public async Task Ingest_CoordinatesWithoutStreet_AreFiledInTheStreetTheyLieIn(object lat, object lon, string street)
    {
        var (factory, producer) = await ProducerAsync();
        await using var _ = factory;

        using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(lat, lon) });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = Assert.Single(await factory.MemoryLog.AppendedAsync(10));
        Assert.Equal(street, entry.Fields[EnvelopeFields.Street]);
        Assert.False(entry.Fields.ContainsKey("lat"));
    }

    [Fact]
    public async Task Ingest_StreetGiven_IsKeptOverTheCoordinates()
    {
        var (factory, producer) = await ProducerAsync();
        await using var _ = factory;

        using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(32.09026, 118.73555, "xiaoshi") });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("xiaoshi", Assert.Single(await factory.MemoryLog.AppendedAsync(10)).Fields[EnvelopeFields.Street]);
    }

    [Theory]
    [InlineData(31.2304, 121.4737, "outside 鼓楼区")]
    [InlineData("NaN", "118.75", "not a finite number")]
    [InlineData(95.0, 118.75, "out of range")]
    public async Task Ingest_UnusableOrOutsideCoordinates_Is400AndAppendsNothing(object lat, object lon, string words)
    {
        var (factory, producer) = await ProducerAsync();
        await using var _ = factory;

        using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(lat, lon) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, await response.Content.ReadAsStringAsync());
        Assert.Empty(await factory.MemoryLog.AppendedAsync(10));
    }
}
