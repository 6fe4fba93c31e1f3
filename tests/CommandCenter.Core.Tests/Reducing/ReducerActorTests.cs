using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.State;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

public sealed class ReducerActorTests
{
    private static readonly Actor Director = new("d-1", ActorRoles.StreetDirector, Flow.Street);
    private static readonly Actor Leader = new("l-1", ActorRoles.StreetLeader, Flow.Street);
    private static readonly Actor OtherDirector = new("d-2", ActorRoles.StreetDirector, Flow.OtherStreet);

    private static Reduction Apply(DistrictState state, IEventPayload payload, Actor? actor, string source = "console", string street = Flow.Street)
    {
        var parsed = Flow.Parser.Parse(EnvelopeWriter.ToFields(payload, street, source, Flow.Start, actor: actor));
        Assert.True(parsed.IsValid, parsed.Error);
        return Flow.Reducer.Apply(state, parsed.Envelope!);
    }

    private static WhistleBlown Whistle(WhistleLevel level) =>
        new(Guid.NewGuid(), level, "老旧小区加装电梯", Flow.Departments, Flow.Start.AddHours(3));

    [Fact]
    public void Blown_ToughProblemByStreetLeader_IsRejected()
    {
        var result = Apply(DistrictState.Empty, Whistle(WhistleLevel.ToughProblem), Leader);

        Assert.False(result.IsApplied);
        Assert.Contains("only by the street director", result.Reason);
    }

    [Fact]
    public void Blown_ToughProblemByDirectorOfTheStreet_IsApplied()
    {
        var result = Apply(DistrictState.Empty, Whistle(WhistleLevel.ToughProblem), Director);

        Assert.True(result.IsApplied, result.Reason);
    }

    [Fact]
    public void Blown_WorkAdvanceByStreetLeader_IsApplied()
    {
        Assert.True(Apply(DistrictState.Empty, Whistle(WhistleLevel.WorkAdvance), Leader).IsApplied);
    }

    [Fact]
    public void Blown_ByDirectorOfAnotherStreet_IsRejected()
    {
        var result = Apply(DistrictState.Empty, Whistle(WhistleLevel.WorkAdvance), OtherDirector);

        Assert.False(result.IsApplied);
        Assert.Contains("of that street", result.Reason);
    }

    [Theory]
    [InlineData(ActorRoles.Operator)]
    [InlineData(ActorRoles.Admin)]
    [InlineData(ActorRoles.DistrictLeader)]
    public void Blown_ByRoleOutsideTheStreetLeadership_IsRejected(string role)
    {
        Assert.False(Apply(DistrictState.Empty, Whistle(WhistleLevel.WorkAdvance), new Actor("x", role, Flow.Street)).IsApplied);
    }

    [Fact]
    public void Blown_FromConsoleWithoutActor_IsRejected()
    {
        var result = Apply(DistrictState.Empty, Whistle(WhistleLevel.WorkAdvance), actor: null);

        Assert.Equal("whistle.blown from the console must name its actor", result.Reason);
    }

    [Fact]
    public void Blown_FromAProducerWithoutActor_IsApplied()
    {
        Assert.True(Apply(DistrictState.Empty, Whistle(WhistleLevel.ToughProblem), actor: null, source: "simulator").IsApplied);
    }

    [Fact]
    public void DepartmentReported_ByLiaisonOfAnotherDepartment_IsRejected()
    {
        var blown = Whistle(WhistleLevel.WorkAdvance);
        var state = Apply(DistrictState.Empty, blown, Director).State;

        var result = Apply(state, new WhistleDepartmentReported(blown.WhistleId, "chengguan"),
            new Actor("li-1", ActorRoles.DepartmentLiaison, null, "housing"));

        Assert.False(result.IsApplied);
        Assert.Contains("only a liaison of department 'chengguan'", result.Reason);
    }

    [Fact]
    public void DepartmentReported_ByLiaisonOfASummonedDepartment_IsApplied()
    {
        var blown = Whistle(WhistleLevel.WorkAdvance);
        var state = Apply(DistrictState.Empty, blown, Director).State;

        var result = Apply(state, new WhistleDepartmentReported(blown.WhistleId, "chengguan"),
            new Actor("li-1", ActorRoles.DepartmentLiaison, null, "chengguan"));

        Assert.True(result.IsApplied, result.Reason);
    }

    [Fact]
    public void Resolved_ByLiaisonOfADepartmentNotSummoned_IsRejected()
    {
        var blown = Whistle(WhistleLevel.WorkAdvance);
        var state = Apply(DistrictState.Empty, blown, Director).State;
        state = Apply(state, new WhistleDepartmentReported(blown.WhistleId, "chengguan"),
            new Actor("li-1", ActorRoles.DepartmentLiaison, null, "chengguan")).State;

        var result = Apply(state, new WhistleResolved(blown.WhistleId, "已处理"), new Actor("li-2", ActorRoles.DepartmentLiaison, null, "housing"));

        Assert.False(result.IsApplied);
        Assert.Contains("summoned department", result.Reason);
    }
}
