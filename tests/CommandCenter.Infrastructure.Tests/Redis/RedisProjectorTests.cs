using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Core.State;
using CommandCenter.Infrastructure.Projection;
using CommandCenter.Infrastructure.Redis;
using CommandCenter.Infrastructure.Tests.Projection;
using CommandCenter.Infrastructure.Tests.Support;

namespace CommandCenter.Infrastructure.Tests.Redis;

/// <summary>The projector on a real Redis stream: poison entries, duplicates and a consumer that dies mid-batch.</summary>
public sealed class RedisProjectorTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;
    private RedisEventLog _log = null!;
    private string _streamKey = "";

    public async Task InitializeAsync()
    {
        _bed = await ProjectionBed.CreateAsync();
        _log = RedisServer.NewLog(out _streamKey);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<DistrictState> ReplayAsync()
    {
        var state = DistrictState.Empty;
        foreach (var entry in await _log.ReadAfterAsync(LogPosition.Start, 1_000_000))
        {
            if (_bed.Parser.Parse(entry.Fields).Envelope is { } envelope)
                state = _bed.Reducer.Apply(state, envelope).State;
        }
        return state;
    }

    [Fact]
    public async Task RunOnceAsync_MalformedEntriesAmongGoodOnes_DeadLetteredWithReasonAndOriginalFieldsWhileGoodOnesApply()
    {
        var incidentId = Guid.NewGuid();
        var ticketId = Guid.NewGuid();
        var good1 = _bed.Events.Next(new IncidentReported(incidentId, Scenario.Grid, "garbage", 2, "垃圾"));
        var missing = _bed.Events.Next(new IncidentAccepted(incidentId));
        missing.Remove(EnvelopeFields.Type);
        var badJson = _bed.Events.Next(new IncidentAccepted(incidentId));
        badJson[EnvelopeFields.Data] = "{not json";
        var unknownType = _bed.Events.Next(new IncidentAccepted(incidentId));
        unknownType[EnvelopeFields.Type] = "incident.teleported";
        var unknownStreet = _bed.Events.Next(new IncidentAccepted(incidentId));
        unknownStreet[EnvelopeFields.Street] = "gotham";
        var huge = _bed.Events.Next(new TicketReceived(Guid.NewGuid(), "12345", "noise", new string('噪', 10), "138****0000", _bed.Events.Now.AddDays(2)));
        huge[EnvelopeFields.Data] = huge[EnvelopeFields.Data].Replace("\"content\":\"", "\"content\":\"" + new string('x', 1024 * 1024));
        var good2 = _bed.Events.Next(new TicketReceived(ticketId, "12345", "noise", "噪音", "138****0000", _bed.Events.Now.AddDays(3)));
        var positions = await _log.AppendAsync([good1, missing, badJson, unknownType, unknownStreet, huge, good2]);

        await ProjectionBed.DrainAsync(_bed.NewProjector(log: _log));

        var dead = await _log.ReadDeadLettersAsync(10);
        Assert.Equal(positions.Skip(1).Take(5).Select(p => p.ToString()), dead.Select(d => d.Fields["originalId"]));
        Assert.Contains("missing field 'type'", dead[0].Fields["reason"]);
        Assert.Contains("not valid", dead[1].Fields["reason"]);
        Assert.Contains("unknown event type 'incident.teleported'", dead[2].Fields["reason"]);
        Assert.Contains("unknown street 'gotham'", dead[3].Fields["reason"]);
        Assert.Contains("over the limit", dead[4].Fields["reason"]);
        Assert.Equal(huge[EnvelopeFields.Data], dead[4].Fields[EnvelopeFields.Data]);
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(2, stored.Counters.Applied);
        Assert.Equal(5, stored.Counters.DeadLettered);
        Assert.True(stored.State.Incidents.ContainsKey(incidentId));
        Assert.True(stored.State.Tickets.ContainsKey(ticketId));
        Assert.Equal(0, await _log.PendingCountAsync(Projector.Group));
    }

    [Fact]
    public async Task RunOnceAsync_SameEnvelopeIdAppendedTwice_AppliedOnceAndCopyCountedAsDuplicate()
    {
        var ticket = _bed.Events.Next(new TicketReceived(Guid.NewGuid(), "12345", "noise", "噪音", "138****0000", _bed.Events.Now.AddDays(3)));
        await _log.AppendAsync([ticket]);
        await _log.AppendAsync([ticket]);

        await ProjectionBed.DrainAsync(_bed.NewProjector(log: _log));

        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(1, stored.Counters.Applied);
        Assert.Equal(1, stored.Counters.Duplicates);
        Assert.Single(stored.State.Tickets);
    }

    [Fact]
    public async Task InitializeAsync_ConsumerDiedMidBatch_NextProjectorReclaimsWithNoLossAndNoDoubleEffect()
    {
        var entries = Enumerable.Range(0, 40).SelectMany(_ => _bed.Events.IncidentLifecycle(Guid.NewGuid())).ToList();
        await _log.AppendAsync(entries);
        var first = _bed.NewProjector("projector-a", log: _log, batchSize: 100);
        Assert.Equal(100, await first.RunOnceAsync());
        // Projector A takes its next batch and dies before committing: those entries stay pending under its name.
        var orphaned = await _log.ReadGroupAsync(Projector.Group, "projector-a", 60);
        Assert.Equal(60, orphaned.Count);

        var second = _bed.NewProjector("projector-b", log: _log, batchSize: 100);
        await second.InitializeAsync();
        await ProjectionBed.DrainAsync(second);

        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(entries.Count, stored.Counters.Applied);
        Assert.Equal(0, stored.Counters.Duplicates);
        Assert.Equal(0, stored.Counters.Rejected);
        Assert.Equal(ProjectionBed.Entities(await ReplayAsync()), ProjectionBed.Entities(stored.State));
        Assert.Equal(0, await _log.PendingCountAsync(Projector.Group));
    }

    [Fact]
    public async Task TrimBeforeAsync_CheckpointBeyondAPendingEntry_KeepsThePendingEntry()
    {
        var positions = await _log.AppendAsync([.. _bed.Events.IncidentLifecycle(Guid.NewGuid())]);
        await _log.EnsureGroupAsync(Projector.Group);
        var read = await _log.ReadGroupAsync(Projector.Group, "c", 10);
        await _log.AcknowledgeAsync(Projector.Group, [.. read.Take(2).Select(e => e.Position)]);

        var trimmed = await _log.TrimBeforeAsync(Projector.Group, positions[^1]);

        Assert.Equal(2, trimmed);
        var left = await _log.ReadAfterAsync(LogPosition.Start, 10);
        Assert.Equal(positions.Skip(2), left.Select(e => e.Position));
    }

    [Fact]
    public async Task RunOnceAsync_StreamDeletedUnderTheProjector_RecreatesTheGroupAndCarriesOn()
    {
        var projector = _bed.NewProjector(log: _log);
        await _log.AppendAsync([.. _bed.Events.IncidentLifecycle(Guid.NewGuid())]);
        await ProjectionBed.DrainAsync(projector);
        await RedisServer.Connection.GetDatabase().KeyDeleteAsync(_streamKey);

        await _log.AppendAsync([_bed.Events.Next(new TicketReceived(Guid.NewGuid(), "12345", "noise", "噪音", "138****0000", _bed.Events.Now.AddDays(3)))]);
        await ProjectionBed.DrainAsync(projector);

        Assert.Equal(7, (await _bed.Store.LoadProjectionAsync()).Counters.Applied);
    }
}
