using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>
/// The versioned rules (docs/decisions/0015): a log replays by the rules it was recorded under, and from the
/// <c>log.rules-adopted</c> notice of rules 2 on a producer's <c>actor</c> is not honoured and every console event is
/// checked against the permission table.
/// </summary>
public sealed class ReducerRulesTests
{
    private static readonly Actor DirectorOfAnotherStreet = new("director.huaqiaolu", ActorRoles.StreetDirector, Flow.OtherStreet);

    private static EventEnvelope From(string source, IEventPayload payload, Actor? actor, string street = Flow.Street)
    {
        var parsed = Flow.Parser.Parse(EnvelopeWriter.ToFields(payload, street, source, Flow.Start.AddMinutes(1), actor: actor));
        Assert.True(parsed.IsValid, parsed.Error);
        return parsed.Envelope!;
    }

    private static DistrictState Adopted(int rules) =>
        Flow.Reducer.Apply(DistrictState.Empty, From(LogRulesAdopted.Source, new LogRulesAdopted(rules), null)).State;

    private static WhistleBlown ToughProblem() => new(Guid.NewGuid(), WhistleLevel.ToughProblem, "攻坚克难", Flow.Departments, Flow.Start.AddHours(3));

    [Fact]
    public void ProducerWhistleCarryingAnotherStreetsDirector_UnderRules2_IsNotCreditedToThem()
    {
        var blown = ToughProblem();

        var result = Flow.Reducer.Apply(Adopted(2), From("hotline-12345", blown, DirectorOfAnotherStreet));

        Assert.True(result.IsApplied, result.Reason);
        Assert.Null(result.State.Whistles[blown.WhistleId].BlownBy);
    }

    [Fact]
    public void ProducerWhistleCarryingAnActor_UnderRules1_ReplaysAsRecorded()
    {
        var blown = ToughProblem();

        var result = Flow.Reducer.Apply(DistrictState.Empty, From("hotline-12345", blown, DirectorOfAnotherStreet));

        Assert.Equal(1, DistrictState.Empty.Rules);
        Assert.Equal("director.huaqiaolu", result.State.Whistles[blown.WhistleId].BlownBy);
    }

    [Fact]
    public void ConsoleWhistleOfTheStreetsDirector_UnderRules2_IsStillCreditedToThem()
    {
        var blown = ToughProblem();
        var director = new Actor("director.ninghailu", ActorRoles.StreetDirector, Flow.Street);

        var result = Flow.Reducer.Apply(Adopted(2), From(ActorRoles.ConsoleSource, blown, director));

        Assert.Equal("director.ninghailu", result.State.Whistles[blown.WhistleId].BlownBy);
    }

    /// <summary>The kind: every console event of every family the table refuses an actor is rejected by the reducer under rules 2.</summary>
    [Theory]
    [InlineData(ActorRoles.Dispatcher, EventTypes.TicketReceived)]
    [InlineData(ActorRoles.DistrictLeader, EventTypes.TicketReceived)]
    [InlineData(ActorRoles.Admin, EventTypes.IncidentReported)]
    [InlineData(ActorRoles.Operator, EventTypes.TeamStatusChanged)]
    public void ConsoleEventTheTableRefuses_UnderRules2_IsRejectedNotPermitted(string role, string type)
    {
        IEventPayload payload = type switch
        {
            EventTypes.TicketReceived => new TicketReceived(Guid.NewGuid(), "12345", "噪音扰民", "楼下餐馆夜间排风扇噪音很大", "138****5678", Flow.Start.AddDays(3)),
            EventTypes.IncidentReported => new IncidentReported(Guid.NewGuid(), Flow.Grid(), "占道经营", 2, "人行道流动摊贩占道经营"),
            _ => new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty),
        };
        var actor = new Actor("someone", role);

        var under2 = Flow.Reducer.Apply(Adopted(2), From(ActorRoles.ConsoleSource, payload, actor));
        var under1 = Flow.Reducer.Apply(DistrictState.Empty, From(ActorRoles.ConsoleSource, payload, actor));

        Assert.Equal(RejectionCode.NotPermitted, under2.Code);
        Assert.Equal(Permissions.Check(actor, type, new CommandSubject(Flow.Street))!.Reason, under2.Reason);
        Assert.True(under1.IsApplied, under1.Reason);
    }

    [Fact]
    public void RulesNotice_NeverLowersTheRules()
    {
        var state = Flow.Reducer.Apply(Adopted(2), From(LogRulesAdopted.Source, new LogRulesAdopted(1), null)).State;

        Assert.Equal(2, state.Rules);
        Assert.Equal(DistrictReducer.LatestRules, 2);
    }
}
