using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Projection;
using Dapper;

namespace CommandCenter.Infrastructure.Tests.Projection;

public sealed class ProjectorTests : IAsyncLifetime
{
    private ProjectionBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ProjectionBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task RunOnceAsync_MixedDay_DatabaseEqualsReducerOverTheLog()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var projector = _bed.NewProjector();

        await ProjectionBed.DrainAsync(projector);

        var replay = await _bed.ReplayLogAsync();
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(replay), ProjectionBed.Entities(stored.State));
        Assert.Equal(replay.AppliedCount, stored.Counters.Applied);
        Assert.Equal(1, stored.Counters.Rejected);
        Assert.Equal(0, await _bed.Log.PendingCountAsync(Projector.Group));
        Assert.Equal((await _bed.Log.InfoAsync(Projector.Group)).LastPosition, stored.Checkpoint);
    }

    [Fact]
    public async Task IsCaughtUp_WhileABacklogIsWorkedThrough_IsFalseUntilAReadComesBackShort()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay().Take(25));
        var projector = _bed.NewProjector(batchSize: 10);
        Assert.False(projector.IsCaughtUp, "nothing read yet");

        await projector.RunOnceAsync();
        Assert.False(projector.IsCaughtUp, "a full batch was read: more may wait");
        await projector.RunOnceAsync();
        Assert.False(projector.IsCaughtUp, "a second full batch");
        await projector.RunOnceAsync();
        Assert.True(projector.IsCaughtUp, "the last five came back short of a batch");

        await _bed.AppendAsync(_bed.Events.MixedDay().Take(12));
        await projector.RunOnceAsync();
        Assert.False(projector.IsCaughtUp, "a new backlog");
        await ProjectionBed.DrainAsync(projector);
        Assert.True(projector.IsCaughtUp);
    }

    [Fact]
    public async Task RunOnceAsync_SameEnvelopesAppendedTwice_SameDatabaseAndDuplicatesCounted()
    {
        var batch = _bed.Events.IncidentLifecycle(Guid.NewGuid()).Concat(_bed.Events.TicketLifecycle(Guid.NewGuid())).ToList();
        await _bed.AppendAsync(batch);
        var projector = _bed.NewProjector();
        await ProjectionBed.DrainAsync(projector);
        var rowsBefore = await _bed.EntityRowsAsync();
        var appliedBefore = projector.Counters.Applied;

        await _bed.AppendAsync(batch); // same envelope ids, new positions
        await ProjectionBed.DrainAsync(projector);

        Assert.Equal(rowsBefore, await _bed.EntityRowsAsync());
        Assert.Equal(appliedBefore, projector.Counters.Applied);
        Assert.Equal(batch.Count, projector.Counters.Duplicates);
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(batch.Count, stored.Counters.Duplicates);
        Assert.Equal(batch.Count, await _bed.CountAsync("SELECT COUNT(*) FROM event_history WHERE outcome = 'duplicate'"));
        Assert.Equal(batch.Count, await _bed.CountAsync("SELECT COUNT(DISTINCT envelope_id) FROM event_history"));
    }

    [Fact]
    public async Task RunOnceAsync_RestartedMidwayWithAnUncommittedBatch_FinishesEqualToTheReducerOverTheLog()
    {
        await _bed.AppendAsync(_bed.Events.MixedDay());
        var first = _bed.NewProjector("projector-1", batchSize: 7);
        for (var i = 0; i < 3; i++)
            await first.RunOnceAsync();
        // The first instance read one more batch and died before committing it.
        var lost = await _bed.Log.ReadGroupAsync(Projector.Group, "projector-1", 5);
        Assert.Equal(5, lost.Count);
        Assert.Equal(21, (await _bed.Store.LoadProjectionAsync()).Counters.Applied + (await _bed.Store.LoadProjectionAsync()).Counters.Rejected);

        var second = _bed.NewProjector("projector-2", batchSize: 7);
        await ProjectionBed.DrainAsync(second);

        var replay = await _bed.ReplayLogAsync();
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(ProjectionBed.Entities(replay), ProjectionBed.Entities(stored.State));
        Assert.True(replay.Recent.SameAs(stored.State.Recent), "the idempotency windows differ");
        Assert.Equal(replay.AppliedCount, stored.Counters.Applied);
        Assert.Equal(0, stored.Counters.Duplicates);
        Assert.Equal(0, await _bed.Log.PendingCountAsync(Projector.Group));
    }

    [Fact]
    public async Task RunOnceAsync_CrashBetweenCommitAndAcknowledge_NewProjectorAcknowledgesWithoutApplyingTwice()
    {
        var entries = _bed.Events.MixedDay();
        await _bed.AppendAsync(entries);
        var lossy = new NoAcknowledgeLog(_bed.Log);
        var crashed = _bed.NewProjector("projector-1", lossy);
        await ProjectionBed.DrainAsync(crashed);
        Assert.Equal(entries.Count, await _bed.Log.PendingCountAsync(Projector.Group));
        var committed = await _bed.Store.LoadProjectionAsync();
        var rows = await _bed.EntityRowsAsync();
        var historyRows = await _bed.CountAsync("SELECT COUNT(*) FROM event_history");

        var successor = _bed.NewProjector("projector-2");
        var handled = await ProjectionBed.DrainAsync(successor);

        Assert.Equal(entries.Count, handled);
        Assert.Equal(0, await _bed.Log.PendingCountAsync(Projector.Group));
        var after = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(committed.Counters, after.Counters);
        Assert.Equal(committed.Checkpoint, after.Checkpoint);
        Assert.Equal(rows, await _bed.EntityRowsAsync());
        Assert.Equal(historyRows, await _bed.CountAsync("SELECT COUNT(*) FROM event_history"));
    }

    [Fact]
    public async Task RunOnceAsync_MalformedEntries_DeadLetteredWithReasonsWhileGoodOnesAreApplied()
    {
        var incidentId = Guid.NewGuid();
        var ticketId = Guid.NewGuid();
        var good1 = _bed.Events.Next(new IncidentReported(incidentId, Support.Scenario.Grid, "garbage", 2, "垃圾"));
        var missing = _bed.Events.Next(new IncidentAccepted(incidentId));
        missing.Remove(EnvelopeFields.Source);
        var badJson = _bed.Events.Next(new IncidentAccepted(incidentId));
        badJson[EnvelopeFields.Data] = "{\"incidentId\": ";
        var unknownType = _bed.Events.Next(new IncidentAccepted(incidentId));
        unknownType[EnvelopeFields.Type] = "incident.exploded";
        var unknownStreet = _bed.Events.Next(new IncidentAccepted(incidentId));
        unknownStreet[EnvelopeFields.Street] = "atlantis";
        var oversized = _bed.Events.Next(new IncidentReported(Guid.NewGuid(), Support.Scenario.Grid, "garbage", 2, "大", Description: new string('x', 3000)));
        oversized[EnvelopeFields.Data] = oversized[EnvelopeFields.Data].Replace("\"description\":\"", "\"padding\":\"" + new string('y', 70_000) + "\",\"description\":\"");
        var good2 = _bed.Events.Next(new TicketReceived(ticketId, "12345", "noise", "噪音", "138****0000", ProjectionBed.Start.AddDays(3)));
        var positions = await _bed.AppendAsync([good1, missing, badJson, unknownType, unknownStreet, oversized, good2]);

        await ProjectionBed.DrainAsync(_bed.NewProjector());

        var dead = await _bed.Log.ReadDeadLettersAsync(10);
        Assert.Equal(positions.Skip(1).Take(5).Select(p => p.ToString()), dead.Select(d => d.Fields["originalId"]));
        Assert.Contains("missing field 'source'", dead[0].Fields["reason"]);
        Assert.Contains("not valid", dead[1].Fields["reason"]);
        Assert.Contains("unknown event type 'incident.exploded'", dead[2].Fields["reason"]);
        Assert.Contains("unknown street 'atlantis'", dead[3].Fields["reason"]);
        Assert.Contains("over the limit", dead[4].Fields["reason"]);
        var stored = await _bed.Store.LoadProjectionAsync();
        Assert.Equal(5, stored.Counters.DeadLettered);
        Assert.Equal(2, stored.Counters.Applied);
        Assert.Equal(IncidentStatusReported, stored.State.Incidents[incidentId].Status);
        Assert.True(stored.State.Tickets.ContainsKey(ticketId));
        Assert.Equal(positions[^1], stored.Checkpoint);
        Assert.Equal(0, await _bed.Log.PendingCountAsync(Projector.Group));
    }

    private const Core.State.IncidentStatus IncidentStatusReported = Core.State.IncidentStatus.Reported;

    [Fact]
    public async Task RunOnceAsync_InvalidTransitions_RecordedAsRejectionsWithReasons()
    {
        var unknown = Guid.NewGuid();
        var entries = new[]
        {
            _bed.Events.Next(new IncidentAccepted(unknown)),
            _bed.Events.Next(new TeamStatusChanged(Support.Scenario.Team, Core.Events.TeamStatus.Available)),
        };
        await _bed.AppendAsync(entries);

        await ProjectionBed.DrainAsync(_bed.NewProjector());

        await using var connection = await _bed.Database.Factory.OpenAsync();
        var rejections = (await connection.QueryAsync<(string EnvelopeId, string Type, string Reason)>(
            "SELECT envelope_id, type, reason FROM rejections ORDER BY seq")).ToList();
        Assert.Equal(2, rejections.Count);
        Assert.Equal(entries[0][EnvelopeFields.Id], rejections[0].EnvelopeId);
        Assert.Equal($"incident {unknown} does not exist", rejections[0].Reason);
        Assert.Contains("already available", rejections[1].Reason);
        var history = (await connection.QueryAsync<(string Outcome, string? Reason)>(
            "SELECT outcome, reason FROM event_history ORDER BY seq")).ToList();
        Assert.All(history, h => Assert.Equal("rejected", h.Outcome));
        Assert.Equal(rejections.Select(r => r.Reason), history.Select(h => h.Reason));
        Assert.Equal(2, (await _bed.Store.LoadProjectionAsync()).Counters.Rejected);
    }

    [Fact]
    public async Task RunOnceAsync_OneEntityChangedManyTimesInABatch_WritesItsLastVersion()
    {
        var id = Guid.NewGuid();
        await _bed.AppendAsync(_bed.Events.IncidentLifecycle(id));
        var projector = _bed.NewProjector();

        await ProjectionBed.DrainAsync(projector);

        await using var connection = await _bed.Database.Factory.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Status, string LastEventId)>(
            "SELECT status, last_event_id FROM incidents WHERE id = @id", new { id = id.ToString() });
        Assert.Equal("closed", row.Status);
        Assert.Equal(projector.State.Incidents[id].LastEventId, row.LastEventId);
    }

    [Fact]
    public async Task RunOnceAsync_EmptyLog_ReturnsZero()
    {
        var projector = _bed.NewProjector();

        Assert.Equal(0, await projector.RunOnceAsync());
        Assert.Equal(LogPosition.Start, projector.Checkpoint);
    }

    [Fact]
    public async Task RunOnceAsync_AfterCommit_PublishesStatus()
    {
        var status = new ProjectorStatus();
        var entries = _bed.Events.IncidentLifecycle(Guid.NewGuid()).ToList();
        var positions = await _bed.AppendAsync(entries);

        await ProjectionBed.DrainAsync(_bed.NewProjector(status: status));

        Assert.Equal(entries.Count, status.AppliedCount);
        Assert.Equal(entries[^1][EnvelopeFields.Id], status.LastAppliedId);
        Assert.Equal(positions[^1], status.Checkpoint);
        Assert.Equal(0, status.DeadLettered);
        Assert.Null(status.LastError);
    }
}
