using CommandCenter.Core.Reducing;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Reducing;

/// <summary>
/// Every rejection of <see cref="ReducerRejectedTests"/> carries the typed code screens map (never the words): one
/// expected code per case, and every case has one.
/// </summary>
public sealed class RejectionCodeTests
{
    private static readonly Dictionary<string, RejectionCode> Expected = new()
    {
        ["incident unknown"] = RejectionCode.NotFound,
        ["ticket unknown"] = RejectionCode.NotFound,
        ["whistle unknown"] = RejectionCode.NotFound,
        ["dispatch unknown"] = RejectionCode.NotFound,
        ["deadline unknown incident"] = RejectionCode.NotFound,
        ["deadline unknown ticket"] = RejectionCode.NotFound,
        ["deadline unknown whistle"] = RejectionCode.NotFound,
        ["incident reported twice"] = RejectionCode.AlreadyExists,
        ["ticket received twice"] = RejectionCode.AlreadyExists,
        ["whistle blown twice"] = RejectionCode.AlreadyExists,
        ["dispatch created twice"] = RejectionCode.AlreadyExists,
        ["incident of another street"] = RejectionCode.WrongStreet,
        ["ticket of another street"] = RejectionCode.WrongStreet,
        ["whistle of another street"] = RejectionCode.WrongStreet,
        ["dispatch of another street"] = RejectionCode.WrongStreet,
        ["grid of another street"] = RejectionCode.WrongStreet,
        ["dispatch of another street's team"] = RejectionCode.WrongStreet,
        ["status of another street's team"] = RejectionCode.WrongStreet,
        ["dispatch for another street's incident"] = RejectionCode.IncidentNotOpen,
        ["deadline of another street's ticket"] = RejectionCode.NotFound,
        ["incident accepted twice"] = RejectionCode.InvalidTransition,
        ["incident assigned before accepted"] = RejectionCode.InvalidTransition,
        ["incident resolved before assigned"] = RejectionCode.InvalidTransition,
        ["incident verified before resolved"] = RejectionCode.InvalidTransition,
        ["incident closed before verified"] = RejectionCode.InvalidTransition,
        ["incident reopened while open"] = RejectionCode.InvalidTransition,
        ["incident closed twice"] = RejectionCode.InvalidTransition,
        ["ticket assigned after answer"] = RejectionCode.InvalidTransition,
        ["ticket feedback before assigned"] = RejectionCode.InvalidTransition,
        ["ticket verified before feedback"] = RejectionCode.InvalidTransition,
        ["ticket closed before verified"] = RejectionCode.InvalidTransition,
        ["ticket evaluated before closed"] = RejectionCode.InvalidTransition,
        ["ticket evaluated twice"] = RejectionCode.InvalidTransition,
        ["ticket reopened before answer"] = RejectionCode.InvalidTransition,
        ["whistle report-in after resolved"] = RejectionCode.InvalidTransition,
        ["whistle escalated after closed"] = RejectionCode.InvalidTransition,
        ["whistle resolved twice"] = RejectionCode.InvalidTransition,
        ["whistle closed before resolved"] = RejectionCode.InvalidTransition,
        ["whistle evaluated before closed"] = RejectionCode.InvalidTransition,
        ["whistle escalation to the same level"] = RejectionCode.LevelNotRaised,
        ["whistle escalation to a lower level"] = RejectionCode.LevelNotRaised,
        ["whistle evaluation of a department not summoned"] = RejectionCode.NotSummoned,
        ["whistle report-in by a department not summoned"] = RejectionCode.NotSummoned,
        ["whistle report-in twice"] = RejectionCode.AlreadyReportedIn,
        ["whistle resolved before any report-in"] = RejectionCode.NoReportInYet,
        ["whistle report deadline not after blowing"] = RejectionCode.InvalidDeadline,
        ["dispatch acknowledged when en route"] = RejectionCode.InvalidTransition,
        ["dispatch en route when on scene"] = RejectionCode.InvalidTransition,
        ["dispatch on scene before en route"] = RejectionCode.InvalidTransition,
        ["dispatch completed before on scene"] = RejectionCode.InvalidTransition,
        ["dispatch cancelled after completed"] = RejectionCode.InvalidTransition,
        ["dispatch completed after cancelled"] = RejectionCode.InvalidTransition,
        ["team double booked"] = RejectionCode.TeamOnDispatch,
        ["team off duty dispatched"] = RejectionCode.TeamOffDuty,
        ["team status set while on dispatch"] = RejectionCode.TeamOnDispatch,
        ["team set available when available"] = RejectionCode.TeamStatusUnchanged,
        ["team set off duty twice"] = RejectionCode.TeamStatusUnchanged,
        ["dispatch for a closed incident"] = RejectionCode.IncidentNotOpen,
        ["dispatch for an unknown incident"] = RejectionCode.IncidentNotOpen,
        ["unknown grid"] = RejectionCode.UnknownReference,
        ["unknown body for an incident"] = RejectionCode.UnknownReference,
        ["unknown body for a ticket"] = RejectionCode.UnknownReference,
        ["unknown department"] = RejectionCode.UnknownReference,
        ["unknown team for a dispatch"] = RejectionCode.UnknownReference,
        ["unknown team for a status"] = RejectionCode.UnknownReference,
        ["ticket due before received"] = RejectionCode.InvalidDeadline,
        ["incident deadline missed before due"] = RejectionCode.DeadlineNotPassed,
        ["incident deadline missed twice"] = RejectionCode.NoOpenDeadline,
        ["incident deadline missed when closed"] = RejectionCode.NoOpenDeadline,
        ["incident deadline missed without a due time"] = RejectionCode.NoOpenDeadline,
        ["incident deadline missed with another due time"] = RejectionCode.NoOpenDeadline,
        ["ticket deadline missed before due"] = RejectionCode.DeadlineNotPassed,
        ["ticket deadline missed twice"] = RejectionCode.NoOpenDeadline,
        ["ticket deadline missed when closed"] = RejectionCode.NoOpenDeadline,
        ["ticket deadline missed with another due time"] = RejectionCode.NoOpenDeadline,
        ["whistle report deadline missed before due"] = RejectionCode.DeadlineNotPassed,
        ["whistle report deadline missed twice"] = RejectionCode.NoOpenDeadline,
        ["whistle report deadline missed by a department that reported"] = RejectionCode.AlreadyReportedIn,
        ["whistle report deadline missed by a department not summoned"] = RejectionCode.NotSummoned,
        ["whistle report deadline missed with another due time"] = RejectionCode.NoOpenDeadline,
        ["whistle report deadline missed when closed"] = RejectionCode.InvalidTransition,
    };

    public static TheoryData<string> CaseNames => new(ReducerRejectedTests.Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Apply_EveryRejection_CarriesItsCode(string name)
    {
        var flow = new Flow();
        var rejection = ReducerRejectedTests.Cases[name](flow);
        var envelope = flow.Next(rejection.Event, rejection.Street, rejection.At);

        var result = Flow.Reducer.Apply(flow.State, envelope);

        Assert.True(Expected.ContainsKey(name), $"no expected code for '{name}'");
        Assert.Equal(Expected[name], result.Code);
    }

    [Fact]
    public void Apply_AppliedDuplicateAndNotice_CarryNoCode()
    {
        var flow = new Flow();
        var envelope = flow.Next(new Core.Events.IncidentReported(Guid.NewGuid(), Flow.Grid(), "占道经营", 2, "摊贩占道"));

        var applied = Flow.Reducer.Apply(flow.State, envelope);
        var duplicate = Flow.Reducer.Apply(applied.State, envelope);

        Assert.Equal(RejectionCode.None, applied.Code);
        Assert.Equal(RejectionCode.None, duplicate.Code);
    }
}
