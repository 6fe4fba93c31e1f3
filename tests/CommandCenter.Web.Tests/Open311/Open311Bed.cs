using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Open311;

/// <summary>The app on an in-memory log, a producer key for the hotline, and helpers to call GeoReport v2 with it.</summary>
internal sealed class Open311Bed : IAsyncDisposable
{
    public const string Source = "hotline-12345";

    private Open311Bed(WallAppFactory factory, ApiKeyInfo key, string secret)
    {
        Factory = factory;
        Key = key;
        Secret = secret;
        Client = factory.AnonymousClient($"10.31.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}");
        // A client system that reads English, as most tests' expected words are; Open311ApiTests also asks for nothing.
        Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
    }

    public WallAppFactory Factory { get; }
    public ApiKeyInfo Key { get; }
    public string Secret { get; }
    public HttpClient Client { get; }
    public LiveState Live => Factory.Services.GetRequiredService<LiveState>();

    /// <param name="settings">Configuration for the app, e.g. a boundary file (<c>Wall:Map:GeoJson</c>).</param>
    public static async Task<Open311Bed> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var factory = new WallAppFactory { FakeLog = true, Settings = settings ?? [] };
        var (key, secret) = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync(Source, "test");
        var bed = new Open311Bed(factory, key, secret);
        await TestWait.UntilAsync(() => bed.Live.Current.IsHydrated, "the live state has loaded");
        return bed;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string query = "") =>
        Client.GetAsync($"/open311/v2/{path}?api_key={Uri.EscapeDataString(Secret)}{query}");

    public Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, bool keyInForm = true)
    {
        var fields = new Dictionary<string, string>(form);
        if (keyInForm) fields["api_key"] = Secret;
        return Client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(fields));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Appends producer events (as the hotline would) and waits until the live state has applied them.</summary>
    public async Task AppendAsync(params Dictionary<string, string>[] entries)
    {
        var last = LogPosition.Start;
        foreach (var entry in entries) last = Factory.MemoryLog.Append(entry);
        await TestWait.UntilAsync(() => Live.Current.Position >= last, "the live state read the events");
    }

    public static Dictionary<string, string> Event(IEventPayload payload, DateTimeOffset at, string street = "ninghailu") =>
        EnvelopeWriter.ToFields(payload, street, Source, at);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
