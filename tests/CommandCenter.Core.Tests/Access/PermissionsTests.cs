using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Access;

/// <summary>
/// The permission table, spelled out once more here by hand: every role against every command, in its own street and
/// in another, and every role against every view. A change to who may do what has to change this table too.
/// </summary>
public sealed class PermissionsTests
{
    // The roles in the order of the columns below. Street people belong to Flow.Street; the liaison speaks for chengguan.
    private static readonly Actor[] Roles =
    [
        new("op", ActorRoles.Operator),
        new("disp", ActorRoles.Dispatcher),
        new("lead", ActorRoles.StreetLeader, Flow.Street),
        new("dir", ActorRoles.StreetDirector, Flow.Street),
        new("liaison", ActorRoles.DepartmentLiaison, Department: "chengguan"),
        new("district", ActorRoles.DistrictLeader),
        new("admin", ActorRoles.Admin),
    ];

    /// <summary>
    /// Command → who may send it about a whistle or item of their own street (first string) and of another street
    /// (second), one letter per role: operator, dispatcher, street leader, street director, liaison, district leader, admin.
    /// The whistles summon chengguan (the liaison's department); department-reported names chengguan. Operators run the
    /// ticket and incident loops everywhere and street leadership in its street; a ticket and a citizen's rating are
    /// recorded by an operator (or the hotline's key); dispatchers handle incidents, dispatches and teams only; district
    /// leaders read and escalate; nobody records a missed deadline (the deadline watcher does); the administrator nothing.
    /// </summary>
    public static readonly TheoryData<string, string, string> Table = new()
    {
        { EventTypes.IncidentReported, "YYYYnnn", "YYnnnnn" },
        { EventTypes.IncidentAccepted, "YYYYnnn", "YYnnnnn" },
        { EventTypes.IncidentAssigned, "YYYYnnn", "YYnnnnn" },
        { EventTypes.IncidentResolved, "YYYYnnn", "YYnnnnn" },
        { EventTypes.IncidentVerified, "YYYYnnn", "YYnnnnn" },
        { EventTypes.IncidentClosed, "YYYYnnn", "YYnnnnn" },
        { EventTypes.IncidentReopened, "YYYYnnn", "YYnnnnn" },
        { EventTypes.TicketReceived, "Ynnnnnn", "Ynnnnnn" },
        { EventTypes.TicketAssigned, "YnYYnnn", "Ynnnnnn" },
        { EventTypes.TicketFeedback, "YnYYnnn", "Ynnnnnn" },
        { EventTypes.TicketVerified, "YnYYnnn", "Ynnnnnn" },
        { EventTypes.TicketClosed, "YnYYnnn", "Ynnnnnn" },
        { EventTypes.TicketEvaluated, "Ynnnnnn", "Ynnnnnn" },
        { EventTypes.TicketReopened, "YnYYnnn", "Ynnnnnn" },
        { EventTypes.DispatchCreated, "nYYYnnn", "nYnnnnn" },
        { EventTypes.DispatchAcknowledged, "nYYYnnn", "nYnnnnn" },
        { EventTypes.DispatchEnRoute, "nYYYnnn", "nYnnnnn" },
        { EventTypes.DispatchOnScene, "nYYYnnn", "nYnnnnn" },
        { EventTypes.DispatchCompleted, "nYYYnnn", "nYnnnnn" },
        { EventTypes.DispatchCancelled, "nYYYnnn", "nYnnnnn" },
        { EventTypes.TeamStatusChanged, "nYYYnnn", "nYnnnnn" },
        { EventTypes.DeadlineMissed, "nnnnnnn", "nnnnnnn" },
        { EventTypes.WhistleBlown + " work-advance", "nnYYnnn", "nnnnnnn" },
        { EventTypes.WhistleBlown + " tough-problem", "nnnYnnn", "nnnnnnn" },
        { EventTypes.WhistleDepartmentReported, "nnnnYnn", "nnnnYnn" },
        { EventTypes.WhistleResolved, "nnYYYnn", "nnnnYnn" },
        { EventTypes.WhistleEscalated, "nnnYnYn", "nnnnnYn" },
        { EventTypes.WhistleClosed, "nnYYnnn", "nnnnnnn" },
        { EventTypes.WhistleEvaluated, "nnYYnnn", "nnnnnnn" },
        { EventTypes.LogDeadLettered, "nnnnnnn", "nnnnnnn" },
    };

    private static (string Type, CommandSubject Subject) Command(string row, string street)
    {
        var whistle = Whistle(street);
        return row.Split(' ') switch
        {
            [var type, "work-advance"] => (type, new CommandSubject(street, WhistleLevel.WorkAdvance)),
            [var type, "tough-problem"] => (type, new CommandSubject(street, WhistleLevel.ToughProblem)),
            [EventTypes.WhistleDepartmentReported] => (row, new CommandSubject(street, Department: "chengguan", Whistle: whistle)),
            [var type] => (type, CommandSubject.Of(whistle) with { Street = street }),
            _ => throw new ArgumentException(row),
        };
    }

    private static Whistle Whistle(string street) => new(Guid.NewGuid(), street, WhistleLevel.WorkAdvance, "老旧小区加装电梯协调", null, null,
        WhistleStatus.Blown, Flow.Start, Flow.Start.AddHours(2), [new SummonedDepartment("chengguan", null, false, null), new SummonedDepartment("market", null, false, null)],
        null, "dir", "e-1", Flow.Start);

    private static string Verdicts(string row, string street)
    {
        var (type, subject) = Command(row, street);
        return string.Concat(Roles.Select(actor => Permissions.MaySend(actor, type, subject) ? 'Y' : 'n'));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void MaySend_EveryRoleForEveryCommand_IsWhatTheTableSays(string command, string ownStreet, string otherStreet)
    {
        Assert.Equal(ownStreet, Verdicts(command, Flow.Street));
        Assert.Equal(otherStreet, Verdicts(command, Flow.OtherStreet));
    }

    [Fact]
    public void Table_CoversEveryEventTypeAPersonMaySend()
    {
        var rows = Table.Select(row => ((string)row[0]).Split(' ')[0]).ToHashSet();

        Assert.Equal(EventTypes.Domain.Order(), Permissions.CommandTypes.Order());
        Assert.Superset(EventTypes.Domain.ToHashSet(), rows);
    }

    /// <summary>Views, one letter per role as above: every view there is (the administrator sees no operational data).</summary>
    [Theory]
    [InlineData(View.DistrictWall, Flow.Street, "YYnnnYn")]
    [InlineData(View.Street, Flow.Street, "YYYYnYn")]
    [InlineData(View.Street, Flow.OtherStreet, "YYnnnYn")]
    [InlineData(View.Dispatch, null, "YYYYnYn")]
    [InlineData(View.Tickets, null, "YYYYnYn")]
    [InlineData(View.Console, null, "YYYYYYn")]
    [InlineData(View.Takeovers, null, "YYnnnYn")]
    [InlineData(View.Whistles, null, "YYYYYYn")]
    [InlineData(View.Administration, null, "nnnnnnY")]
    public void CanView_EveryRoleForEveryView_IsWhatTheTableSays(View view, string? street, string expected)
    {
        Assert.Equal(expected, string.Concat(Roles.Select(actor => Permissions.CanView(actor, view, street) ? 'Y' : 'n')));
    }

    [Fact]
    public void CanSee_AWhistle_ByItsStreetsReadersAndTheLiaisonsItSummons()
    {
        var own = Whistle(Flow.Street);
        var other = Whistle(Flow.OtherStreet) with { Departments = [new SummonedDepartment("market", null, false, null)] };

        Assert.Equal("YYYYYYn", string.Concat(Roles.Select(actor => Permissions.CanSee(actor, own) ? 'Y' : 'n')));
        Assert.Equal("YYnnnYn", string.Concat(Roles.Select(actor => Permissions.CanSee(actor, other) ? 'Y' : 'n')));
    }

    [Fact]
    public void BlowableLevels_StreetLeaderWorkAdvanceDirectorBothNobodyElse()
    {
        var levels = Roles.Select(Permissions.BlowableLevels).ToList();

        Assert.Equal([WhistleLevel.WorkAdvance], levels[2]);
        Assert.Equal([WhistleLevel.WorkAdvance, WhistleLevel.ToughProblem], levels[3]);
        Assert.All(levels.Where((_, i) => i is not (2 or 3)), Assert.Empty);
    }

    [Fact]
    public void ToSend_StreetPersonOnAnotherStreet_IsOutsideTheirScope()
    {
        var refusal = Permissions.ToSend(Roles[3], Envelope(new TicketFeedback(Guid.NewGuid(), "已处理"), Flow.OtherStreet), null);

        Assert.Equal(RejectionCode.OutsideScope, refusal?.Code);
        Assert.Equal($"your street is '{Flow.Street}': you cannot act on '{Flow.OtherStreet}'", refusal?.Reason);
    }

    [Fact]
    public void ToSend_LiaisonOnAWhistleThatDoesNotSummonTheirDepartment_IsOutsideTheirScope()
    {
        var whistle = Whistle(Flow.Street) with { Departments = [new SummonedDepartment("market", null, false, null)] };

        var refusal = Permissions.ToSend(Roles[4], Envelope(new WhistleResolved(whistle.Id, "已处理"), Flow.Street), whistle);

        Assert.Equal(RejectionCode.OutsideScope, refusal?.Code);
        Assert.Contains("was not summoned", refusal?.Reason);
    }

    [Fact]
    public void ToSend_ARoleTheTableRefuses_IsNotPermittedWithTheRuleInWords()
    {
        var refusal = Permissions.ToSend(Roles[2], Envelope(new WhistleBlown(Guid.NewGuid(), WhistleLevel.ToughProblem, "协调", ["market"], Flow.Start.AddHours(1)), Flow.Street), null);

        Assert.Equal(new Refusal(RejectionCode.NotPermitted, "a tough-problem whistle can be blown only by the street director of that street"), refusal);
    }

    /// <summary>
    /// The reducer checks console whistle events against the same table: for every role and whistle event, what the
    /// table allows the reducer applies, and what it refuses the reducer rejects with the table's code.
    /// </summary>
    [Fact]
    public void Reducer_ConsoleWhistleEvents_AgreeWithTheTableForEveryRole()
    {
        var flow = new Flow();
        var id = flow.NewWhistle();
        flow.Given(new WhistleDepartmentReported(id, "chengguan", "已到场"));
        var state = flow.State;
        var whistle = state.Whistles[id];
        IEventPayload[] events =
        [
            new WhistleBlown(Guid.NewGuid(), WhistleLevel.WorkAdvance, "协调", ["market"], flow.Now.AddHours(1)),
            new WhistleBlown(Guid.NewGuid(), WhistleLevel.ToughProblem, "协调", ["market"], flow.Now.AddHours(1)),
            new WhistleDepartmentReported(id, "market", "已到场"),
            new WhistleResolved(id, "已处理"),
            new WhistleEscalated(id, WhistleLevel.ToughProblem, "久拖未决"),
        ];
        var liaisons = new[] { "chengguan", "market" }.Select(d => new Actor($"{d}-liaison", ActorRoles.DepartmentLiaison, Department: d));

        foreach (var actor in Roles.Concat(liaisons))
        foreach (var payload in events)
        {
            var envelope = Flow.Envelope(payload, Flow.Street, flow.Now, actor: actor);
            var table = Permissions.Check(actor, envelope.Type, CommandSubject.Of(envelope, payload is WhistleBlown ? null : whistle));
            var result = Flow.Reducer.Apply(state, envelope);
            Assert.True(table is null ? result.IsApplied : result.Code == RejectionCode.NotPermitted && result.Reason == table.Reason,
                $"{actor.Role}/{actor.Department} {envelope.Type}: table {table?.Reason ?? "allows"}, reducer {result.Outcome} {result.Reason}");
        }
    }

    [Fact]
    public void Reducer_ConsoleWhistleEventWithoutAnActor_IsRejectedAsActorMissing()
    {
        var parsed = Flow.Parser.Parse(EnvelopeWriter.ToFields(
            new WhistleBlown(Guid.NewGuid(), WhistleLevel.WorkAdvance, "协调", ["market"], Flow.Start.AddHours(1)), Flow.Street, "console", Flow.Start));

        var result = Flow.Reducer.Apply(DistrictState.Empty, parsed.Envelope!);

        Assert.Equal(RejectionCode.ActorMissing, result.Code);
    }

    private static EventEnvelope Envelope(IEventPayload payload, string street) => Flow.Envelope(payload, street, Flow.Start);
}
