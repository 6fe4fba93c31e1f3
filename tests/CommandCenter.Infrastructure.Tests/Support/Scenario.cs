using CommandCenter.Core.Events;

namespace CommandCenter.Infrastructure.Tests.Support;

/// <summary>
/// Builds valid log entries of every family for street 宁海路 (ninghailu), one minute apart, as a producer would.
/// </summary>
public sealed class Scenario(DateTimeOffset start)
{
    public const string Street = "ninghailu";
    public const string Grid = "ninghailu-c01-g001";
    public const string Team = "ninghailu-chengguan-squad-1";
    public const string Body = "city-management";

    private DateTimeOffset _clock = start;

    public DateTimeOffset Now => _clock;

    public Dictionary<string, string> Next(IEventPayload payload, string street = Street, Guid? id = null)
    {
        _clock = _clock.AddMinutes(1);
        return EnvelopeWriter.ToFields(payload, street, "test", _clock, id);
    }

    /// <summary>Reported → accepted → assigned → resolved → verified → closed.</summary>
    public IEnumerable<Dictionary<string, string>> IncidentLifecycle(Guid id, DateTimeOffset? dueAt = null)
    {
        yield return Next(new IncidentReported(id, Grid, "garbage", 2, "垃圾堆放 <script>alert(1)</script>", DueAt: dueAt));
        yield return Next(new IncidentAccepted(id));
        yield return Next(new IncidentAssigned(id, Body));
        yield return Next(new IncidentResolved(id, "清运完毕"));
        yield return Next(new IncidentVerified(id));
        yield return Next(new IncidentClosed(id));
    }

    public IEnumerable<Dictionary<string, string>> TicketLifecycle(Guid id)
    {
        yield return Next(new TicketReceived(id, "12345", "noise", "夜间施工噪音", "138****0000", _clock.AddDays(3), "宁海路 1 号"));
        yield return Next(new TicketAssigned(id, Body));
        yield return Next(new TicketFeedback(id, "已协调停工"));
        yield return Next(new TicketVerified(id, "市民认可"));
        yield return Next(new TicketClosed(id));
        yield return Next(new TicketEvaluated(id, Satisfaction.Satisfied));
    }

    public IEnumerable<Dictionary<string, string>> WhistleLifecycle(Guid id)
    {
        yield return Next(new WhistleBlown(id, WhistleLevel.WorkAdvance, "老旧小区加装电梯", ["chengguan", "market"], _clock.AddDays(1)));
        yield return Next(new WhistleDepartmentReported(id, "chengguan"));
        yield return Next(new WhistleResolved(id, "方案已定"));
        yield return Next(new WhistleClosed(id));
        yield return Next(new WhistleEvaluated(id, [new DepartmentRating("chengguan", 95), new DepartmentRating("market", 60)]));
    }

    public IEnumerable<Dictionary<string, string>> DispatchLifecycle(Guid id, Guid incidentId)
    {
        yield return Next(new DispatchCreated(id, Team, incidentId));
        yield return Next(new DispatchAcknowledged(id));
        yield return Next(new DispatchEnRoute(id));
        yield return Next(new DispatchOnScene(id));
        yield return Next(new DispatchCompleted(id, "现场处置完毕"));
    }

    /// <summary>About forty entries over every family, including one rejected transition.</summary>
    public List<Dictionary<string, string>> MixedDay()
    {
        var incidentForDispatch = Guid.NewGuid();
        var entries = new List<Dictionary<string, string>>();
        entries.AddRange(IncidentLifecycle(Guid.NewGuid()));
        entries.AddRange(TicketLifecycle(Guid.NewGuid()));
        entries.Add(Next(new IncidentReported(incidentForDispatch, Grid, "illegal-parking", 3, "占道停车")));
        entries.AddRange(DispatchLifecycle(Guid.NewGuid(), incidentForDispatch));
        entries.AddRange(WhistleLifecycle(Guid.NewGuid()));
        entries.Add(Next(new IncidentAccepted(Guid.NewGuid()))); // rejected: no such incident
        entries.AddRange(IncidentLifecycle(Guid.NewGuid()).Take(3));
        entries.Add(Next(new TeamStatusChanged(Team, Core.Events.TeamStatus.OffDuty)));
        entries.AddRange(TicketLifecycle(Guid.NewGuid()).Take(4));
        entries.AddRange(WhistleLifecycle(Guid.NewGuid()).Take(2));
        return entries;
    }
}
