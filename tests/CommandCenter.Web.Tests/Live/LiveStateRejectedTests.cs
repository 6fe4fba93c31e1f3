using CommandCenter.Core.Events;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Live;

public sealed class LiveStateRejectedTests
{
    [Fact]
    public async Task PollOnce_RefusedEnvelope_RaisesRejectedWithTheReasonOnceAndNotForARereadCopy()
    {
        var time = new FakeTimeProvider(TestEvents.Noon);
        var log = new InMemoryEventLog();
        var live = LiveFixtures.LiveState(time, log);
        await live.HydrateAsync(default);
        var rejected = new List<(string Id, string Reason)>();
        live.Rejected += (envelope, reason) => rejected.Add((envelope.Id, reason));
        var (incident, first) = (Guid.NewGuid(), Guid.NewGuid());
        var second = EnvelopeWriter.ToFields(new DispatchCreated(Guid.NewGuid(), TestEvents.Team(), incident), "ninghailu", "console", TestEvents.Noon);
        log.Append(TestEvents.Incident(incident, 2, TestEvents.Noon));
        log.Append(EnvelopeWriter.ToFields(new DispatchCreated(first, TestEvents.Team(), incident), "ninghailu", "console", TestEvents.Noon));
        log.Append(second);
        log.Append(second);

        await live.PollOnceAsync(default);

        var (id, reason) = Assert.Single(rejected);
        Assert.Equal(second["id"], id);
        Assert.Equal($"team '{TestEvents.Team()}' is already on dispatch {first}", reason);
    }
}
