using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.EventLog.Embedded;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Web.Tests.Dispatches;

/// <summary>
/// Two operators dispatch the same team at once through the real API on the real embedded log: both pass their trial
/// against the live state, the log orders them, the later one is rejected when it comes back and the live state says
/// so with the reason (what the dispatch console shows its operator).
/// </summary>
public sealed class DispatchRaceTests
{
    private static object Dispatch(Guid dispatchId, string team, Guid incident, string street = "ninghailu") => new
    {
        type = "dispatch.created", street, data = new { dispatchId, teamId = team, incidentId = incident },
    };

    [Fact]
    public async Task Dispatch_DispatcherAndStreetDirectorRaceForOneTeam_ExactlyOneAppliedAndTheOtherRejectedWithTheReason()
    {
        await using var app = new WallAppFactory();
        GatedEventLog? gated = null;
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEventLog>();
            services.AddSingleton<IEventLog>(sp => gated = new GatedEventLog(ActivatorUtilities.CreateInstance<SqliteEventLog>(sp)));
        }));
        using var dispatcher = await factory.SignedInClientAsync("dispatcher");
        // The street's leadership dispatches its own teams too (the permission table); operators do not.
        using var director = await factory.SignedInClientAsync("director.ninghailu");
        var live = factory.Services.GetRequiredService<LiveState>();
        var log = factory.Services.GetRequiredService<IEventLog>();
        var (incidentA, incidentB) = (Guid.NewGuid(), Guid.NewGuid());
        var at = DateTimeOffset.UtcNow;
        await log.AppendAsync([TestEvents.Incident(incidentA, 2, at), TestEvents.Incident(incidentB, 2, at)]);
        await TestWait.UntilAsync(() => live.Current.State.Incidents.ContainsKey(incidentB), "both incidents reach the live state");
        var rejected = new ConcurrentQueue<(EventEnvelope Envelope, string Reason)>();
        live.Rejected += (envelope, reason) => rejected.Enqueue((envelope, reason));
        var team = TestEvents.Team();

        gated!.Hold();
        await TestWait.UntilAsync(() => gated.WaitingReaders > 0, "the live tail waits at the gate");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var responses = await Task.WhenAll(
            dispatcher.PostAsJsonAsync("/api/v1/commands", Dispatch(first, team, incidentA)),
            director.PostAsJsonAsync("/api/v1/commands", Dispatch(second, team, incidentB)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var eventIds = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString()!));
        gated.Release();

        // The live state reports a rejection while it applies the batch and publishes the batch's state after it.
        await TestWait.UntilAsync(() => !rejected.IsEmpty && live.Current.State.Dispatches.Values.Any(d => d.TeamId == team),
            "the live state reports the losing dispatch and publishes the winning one");
        var applied = live.Current.State.Dispatches.Values.Where(d => d.TeamId == team).ToList();
        var winner = Assert.Single(applied);
        Assert.Equal(DispatchStatus.Created, winner.Status);
        var (lost, reason) = Assert.Single(rejected);
        Assert.Contains(lost.Id, eventIds);
        Assert.NotEqual(winner.LastEventId, lost.Id);
        Assert.Equal($"team '{team}' is already on dispatch {winner.Id}", reason);
        Assert.Equal(winner.Id, live.Current.State.Teams[team].ActiveDispatchId);
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Dispatch_TeamAlreadyBusyInLiveState_IsRefusedAtOnceWith409()
    {
        await using var factory = new WallAppFactory();
        using var dispatcher = await factory.SignedInClientAsync("dispatcher");
        var live = factory.Services.GetRequiredService<LiveState>();
        var (incidentA, incidentB) = (Guid.NewGuid(), Guid.NewGuid());
        await factory.Services.GetRequiredService<IEventLog>().AppendAsync(
            [TestEvents.Incident(incidentA, 2, DateTimeOffset.UtcNow), TestEvents.Incident(incidentB, 2, DateTimeOffset.UtcNow)]);
        await TestWait.UntilAsync(() => live.Current.State.Incidents.ContainsKey(incidentB), "the incidents reach the live state");
        var first = Guid.NewGuid();
        using (var ok = await dispatcher.PostAsJsonAsync("/api/v1/commands", Dispatch(first, TestEvents.Team(), incidentA)))
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        await TestWait.UntilAsync(() => live.Current.State.Dispatches.ContainsKey(first), "the first dispatch reaches the live state");

        using var again = await dispatcher.PostAsJsonAsync("/api/v1/commands", Dispatch(Guid.NewGuid(), TestEvents.Team(), incidentB));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"is already on dispatch {first}", await again.Content.ReadAsStringAsync());
    }
}
