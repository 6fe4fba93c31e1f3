using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// A producer key may append only its system's event families, checked where keys are issued and at every ingest
/// endpoint (the events API and Open311); the app's own sources are never issued.
/// </summary>
public sealed class ProducerFamilyTests
{
    private static async Task<HttpClient> ProducerAsync(WallAppFactory factory, string source)
    {
        var (_, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync(source, "test");
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static Dictionary<string, object> Envelope(IEventPayload payload, string source, Actor? actor = null, string street = "huaqiaolu")
    {
        var fields = EnvelopeWriter.ToFields(payload, street, source, TestEvents.Noon, actor: actor);
        var envelope = new Dictionary<string, object>
        {
            ["id"] = fields["id"], ["type"] = fields["type"], ["occurredAt"] = fields["occurredAt"], ["source"] = fields["source"],
            ["street"] = fields["street"], ["v"] = 1, ["data"] = JsonDocument.Parse(fields["data"]).RootElement,
        };
        if (fields.TryGetValue("actor", out var a))
            envelope["actor"] = JsonDocument.Parse(a).RootElement;
        return envelope;
    }

    private static async Task<int> LogLengthAsync(WallAppFactory factory) => (await factory.MemoryLog.AppendedAsync()).Count;

    /// <summary>The example: the hotline's key sends a tough-problem whistle "by" another street's director, then its escalation.</summary>
    [Fact]
    public async Task HotlineKey_WhistleCarryingADirector_Is403AndNothingAppended()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var hotline = await ProducerAsync(factory, "hotline-12345");
        var director = new Actor("director.huaqiaolu", ActorRoles.StreetDirector, "huaqiaolu");
        var whistle = Guid.NewGuid();

        using var blown = await hotline.PostAsJsonAsync("/api/v1/events", new[] { Envelope(new WhistleBlown(whistle, WhistleLevel.ToughProblem, "协调", ["chengguan"], TestEvents.Noon.AddHours(2)), "hotline-12345", director) });
        using var escalated = await hotline.PostAsJsonAsync("/api/v1/events", new[] { Envelope(new WhistleEscalated(whistle, WhistleLevel.District, "久拖未决"), "hotline-12345", director) });

        Assert.Equal(HttpStatusCode.Forbidden, blown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, escalated.StatusCode);
        Assert.Contains("ticket.*", await blown.Content.ReadAsStringAsync());
        Assert.Equal(0, await LogLengthAsync(factory));
    }

    /// <summary>The kind: every default producer against an event of every family — appended exactly when it is its system's.</summary>
    [Theory]
    [InlineData("hotline-12345", "ticket")]
    [InlineData("grid-app", "incident")]
    [InlineData("enforcement", "dispatch,team")]
    public async Task EveryProducer_AppendsOnlyItsOwnFamilies(string source, string own)
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var producer = await ProducerAsync(factory, source);
        var incident = Guid.NewGuid();
        var samples = new Dictionary<string, IEventPayload>
        {
            ["ticket"] = new TicketReceived(Guid.NewGuid(), "12345", "噪音扰民", "夜间施工", "138****5678", TestEvents.Noon.AddDays(3)),
            ["incident"] = new IncidentReported(incident, TestEvents.Grid("huaqiaolu"), "占道经营", 2, "占道"),
            ["dispatch"] = new DispatchCreated(Guid.NewGuid(), TestEvents.Team("huaqiaolu"), incident),
            ["team"] = new TeamStatusChanged(TestEvents.Team("huaqiaolu"), TeamStatus.OffDuty),
            ["whistle"] = new WhistleBlown(Guid.NewGuid(), WhistleLevel.WorkAdvance, "协调", ["chengguan"], TestEvents.Noon.AddHours(2)),
            ["deadline"] = new DeadlineMissed(DeadlineKind.Incident, incident, TestEvents.Noon),
            ["log"] = new LogRulesAdopted(9),
        };
        var allowed = own.Split(',');

        foreach (var (family, payload) in samples)
        {
            var before = await LogLengthAsync(factory);
            using var response = await producer.PostAsJsonAsync("/api/v1/events", new[] { Envelope(payload, source) });
            var appended = await LogLengthAsync(factory) - before;
            if (allowed.Contains(family))
                Assert.True(response.StatusCode == HttpStatusCode.Accepted && appended == 1, $"{source} {family}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            else
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest && appended == 0, $"{source} {family}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Open311_KeyOfASystemThatHandlesNoTickets_Is403()
    {
        await using var factory = new WallAppFactory { FakeLog = true };
        using var grid = await ProducerAsync(factory, "grid-app");
        using var hotline = await ProducerAsync(factory, "hotline-12345");

        using var refused = await grid.GetAsync("/open311/v2/requests.json?jurisdiction_id=gulou");
        using var served = await hotline.GetAsync("/open311/v2/requests.json?jurisdiction_id=gulou");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, served.StatusCode);
    }

    /// <summary>The example (<c>console</c>) and the kind: the app's own sources, and sources with no families, get no key.</summary>
    [Theory]
    [InlineData("console")]
    [InlineData("simulator")]
    [InlineData("deadline-watcher")]
    [InlineData("projector")]
    [InlineData("housekeeping")]
    [InlineData("unknown-system")]
    public async Task Issuing_AReservedOrUnconfiguredSource_IsRefused(string source)
    {
        await using var factory = new WallAppFactory { FakeLog = true };

        var refused = await Assert.ThrowsAsync<AdminRefusedException>(() => factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync(source, "test"));
        Assert.Equal(source == "unknown-system" ? AdminRule.SourceNotConfigured : AdminRule.SourceReserved, refused.Problem.Rule);
        Assert.Equal(source, refused.Problem.Values[0]);
    }

    [Theory]
    [InlineData("console", "ticket")]
    [InlineData("hotline-12345", "whistle")]
    [InlineData("grid-app", "log")]
    [InlineData("grid-app", "deadline")]
    public void Configuration_GivingAReservedSourceOrAnAppFamily_StopsTheStart(string source, string families)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"{ProducerSystems.Section}:{source}"] = families }).Build();

        Assert.Throws<InvalidOperationException>(() => ProducerSystems.From(configuration));
    }

    [Fact]
    public void Configuration_ANewSystem_GetsOnlyWhatItIsGiven()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ProducerSystems.Section}:parking-app"] = "incident",
            [$"{ProducerSystems.Section}:grid-app"] = "",
        }).Build();

        var producers = ProducerSystems.From(configuration);

        Assert.True(producers.MayAppend("parking-app", EventTypes.IncidentReported));
        Assert.False(producers.MayAppend("parking-app", EventTypes.TicketReceived));
        Assert.False(producers.MayAppend("grid-app", EventTypes.IncidentReported));
        Assert.True(producers.MayAppend("hotline-12345", EventTypes.TicketEvaluated));
    }
}
