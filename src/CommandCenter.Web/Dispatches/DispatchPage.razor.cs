using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Core.Reducing;
using CommandCenter.Core.Reference;
using CommandCenter.Core.State;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CommandCenter.Web.Dispatches;

/// <summary>
/// The dispatch console (执法调度): the incident queue, the team boards, dispatching in two clicks (an incident, then an
/// available team of its street), each dispatch's stage timers and actions, the incident's own loop. Live, with its
/// stage timers moving every second.
/// </summary>
public sealed partial class DispatchPage
{
    [Inject] private ConsoleSession Session { get; set; } = null!;
    [Inject] private DistrictModel District { get; set; } = null!;
    [Inject] private DistrictReducer Reducer { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "street")] public string? StreetQuery { get; set; }
    [SupplyParameterFromQuery(Name = "incident")] public Guid? IncidentQuery { get; set; }

    private RejectionWatch<SendingDispatch>? _watch;

    private string? _street;
    private string? _category;
    private Guid? _selectedIncident;
    private Guid? _selectedDispatch;
    private readonly Dictionary<Guid, SendingDispatch> _sending = [];
    private LostDispatch? _lost;
    private readonly FirstSeen<Guid> _severeIncidents = new();

    private bool _busy;
    private string? _error;
    private Func<Task>? _retry;

    // What the operator typed, kept per item until the action that needs it is appended.
    private readonly Dictionary<Guid, string> _outcomes = [];
    private readonly Dictionary<Guid, string> _reasons = [];
    private readonly Dictionary<Guid, string> _assignTo = [];
    private readonly Dictionary<Guid, string> _incidentOutcomes = [];
    private readonly Dictionary<Guid, string> _reopenReasons = [];
    private Guid? _completing;
    private Guid? _cancelling;

    protected override TimeSpan? TickInterval => TimeSpan.FromSeconds(1);

    /// <summary>Active dispatches listed at most (a district's busiest day holds far fewer); beyond the next, only the rows in view render.</summary>
    private const int ActiveCap = 5_000;
    private const int ActiveVirtualizeFrom = 100;

    /// <summary>Open incidents listed at most in the queue; beyond the next, only the rows in view render.</summary>
    private const int QueueCap = 5_000;
    private const int QueueVirtualizeFrom = 100;

    private MudDataGrid<Incident>? _queueGrid;

    private string IncidentTitle(DistrictState state, Dispatch dispatch) =>
        dispatch.IncidentId is { } id && state.Incidents.TryGetValue(id, out var incident) ? incident.Title : L["临时任务"];

    private bool StreetLocked => Actor is null || !Permissions.SeesWholeDistrict(Actor);

    private bool CanRead(string street) => Actor is not null && Permissions.CanRead(Actor, street);

    /// <summary>May this person send <paramref name="type"/> in <paramref name="street"/>? The console offers only what it may.</summary>
    private bool May(string type, string street) => Actor is not null && Permissions.MaySend(Actor, type, new CommandSubject(street));

    private IEnumerable<Street> VisibleStreets => District.Streets.Where(s => CanRead(s.Code) && (_street is null || s.Code == _street));

    protected override void OnInitialized()
    {
        _street = StreetLocked ? Actor?.Street : StreetQuery is { } q && District.StreetsByCode.ContainsKey(q) ? q : null;
        _selectedIncident = IncidentQuery;
        if (!RendererInfo.IsInteractive) return;
        _watch = Own(new RejectionWatch<SendingDispatch>(Live, Reducer));
        _watch.Lost += (_, refusal, sending) => OnLostFromTail(sending, refusal);
        AnnounceSevereIncidents(Live.Current.State); // learns what is already open: only later arrivals are announced
    }

    /// <summary>Drops the dispatches the live state has now applied, before the render.</summary>
    protected override void OnLiveChanged()
    {
        var state = Live.Current.State;
        foreach (var id in _sending.Keys.Where(state.Dispatches.ContainsKey).ToList())
            _sending.Remove(id);
        AnnounceSevereIncidents(state);
    }

    /// <summary>A new open severity-1 incident the person may see is announced once, whatever street the board shows.</summary>
    private void AnnounceSevereIncidents(DistrictState state)
    {
        if (!RendererInfo.IsInteractive) return;
        var severe = state.Incidents.Values.Where(i => i.Severity == 1 && i.IsOpen && CanRead(i.Street));
        foreach (var id in _severeIncidents.Next(severe.Select(i => i.Id)))
        {
            var incident = state.Incidents[id];
            Snackbar.Add(L["一级事件：{0} · {1}", OperationLabels.Street(District, incident.Street).Local, incident.Title], Severity.Error,
                o => o.OnClick = _ => InvokeAsync(() => { SelectIncident(id); StateHasChanged(); }));
        }
    }

    /// <summary>The queue's keys (<see cref="DispatchKeys"/>): move through the queue, or dispatch the n-th available team.</summary>
    private Task OnQueueKeyAsync(KeyboardEventArgs e)
    {
        var state = Live.Current.State;
        // The order the grid shows (a header may have re-sorted it), else the board's own.
        var queue = (_queueGrid?.FilteredItems ?? DispatchBoard.Queue(state, CanRead, _street, _category, _sending.Values.Select(s => s.IncidentId).ToHashSet()))
            .Take(QueueCap).ToList();
        if (queue.Count == 0) return Task.CompletedTask;
        var at = queue.FindIndex(i => i.Id == _selectedIncident);
        if (DispatchKeys.QueueStep(e.Key) is not 0 and var step)
        {
            SelectIncident(queue[at < 0 ? 0 : Math.Clamp(at + step, 0, queue.Count - 1)].Id);
            return Task.CompletedTask;
        }
        if (_busy || at < 0 || DispatchKeys.TeamNumber(e.Key) is not { } n || !May(EventTypes.DispatchCreated, queue[at].Street))
            return Task.CompletedTask;
        var incident = queue[at];
        return DispatchBoard.Teams(state, District.StreetsByCode[incident.Street]).Where(t => t.IsAvailable).ElementAtOrDefault(n - 1) is { } team
            ? DispatchAsync(incident, team.Team.Id)
            : Task.CompletedTask;
    }

    private void OnLostFromTail(SendingDispatch sending, Refusal refusal) => _ = InvokeAsync(() => OnLost(sending, refusal));

    private static void Typed(Dictionary<Guid, string> texts, Guid id, string? text) => texts[id] = text ?? "";

    private void OnLost(SendingDispatch sending, Refusal refusal)
    {
        _sending.Remove(sending.DispatchId);
        _lost = new LostDispatch(sending, refusal);
        _selectedIncident = sending.IncidentId;
        Snackbar.Add($"{L["派遣未成功，事件已回到待派队列"]}: {OperationLabels.Team(District, sending.TeamId).Local} — {OperationLabels.LostDispatch(refusal)}", Severity.Warning);
        StateHasChanged();
    }

    private void SelectIncident(Guid id)
    {
        _selectedIncident = id;
        _selectedDispatch = null;
        _error = null;
        _retry = null;
    }

    private void SelectDispatch(Dispatch dispatch)
    {
        _selectedDispatch = dispatch.Id;
        _selectedIncident = dispatch.IncidentId;
    }

    private void OnStreetChanged(string? code)
    {
        if (StreetLocked) return;
        _street = code is { Length: > 0 } && District.StreetsByCode.ContainsKey(code) ? code : null;
        _category = null;
    }

    private void OnCategoryChanged(string? category) => _category = category is { Length: > 0 } ? category : null;

    /// <summary>The second click: sends dispatch.created for this incident and team.</summary>
    private Task DispatchAsync(Incident incident, string teamId)
    {
        var sending = new SendingDispatch(Guid.NewGuid(), incident.Id, teamId, incident.Street);
        _lost = null;
        return SendAsync(incident.Street, new DispatchCreated(sending.DispatchId, teamId, incident.Id), sending);
    }

    private Task DutyAsync(string street, (string TeamId, TeamStatus Status) change) =>
        SendAsync(street, new TeamStatusChanged(change.TeamId, change.Status));

    private async Task CompleteAsync(Dispatch dispatch)
    {
        var outcome = _outcomes.GetValueOrDefault(dispatch.Id)?.Trim();
        if (string.IsNullOrEmpty(outcome)) { _error = UiText.Local("请填写处置结果"); return; }
        if (await SendAsync(dispatch.Street, new DispatchCompleted(dispatch.Id, outcome)))
        {
            _outcomes.Remove(dispatch.Id);
            _completing = null;
        }
    }

    private async Task CancelAsync(Dispatch dispatch)
    {
        var reason = _reasons.GetValueOrDefault(dispatch.Id)?.Trim();
        if (string.IsNullOrEmpty(reason)) { _error = UiText.Local("请填写取消原因"); return; }
        if (await SendAsync(dispatch.Street, new DispatchCancelled(dispatch.Id, reason)))
        {
            _reasons.Remove(dispatch.Id);
            _cancelling = null;
        }
    }

    private Task AssignAsync(Incident incident) =>
        SendAsync(incident.Street, new IncidentAssigned(incident.Id, _assignTo.GetValueOrDefault(incident.Id) ?? "enforcement-bureau"));

    private async Task ResolveAsync(Incident incident)
    {
        var outcome = _incidentOutcomes.GetValueOrDefault(incident.Id)?.Trim();
        if (string.IsNullOrEmpty(outcome)) { _error = UiText.Local("请填写处置结果"); return; }
        if (await SendAsync(incident.Street, new IncidentResolved(incident.Id, outcome)))
            _incidentOutcomes.Remove(incident.Id);
    }

    private async Task ReopenAsync(Incident incident)
    {
        var reason = _reopenReasons.GetValueOrDefault(incident.Id)?.Trim();
        if (string.IsNullOrEmpty(reason)) { _error = UiText.Local("请填写重启原因"); return; }
        if (await SendAsync(incident.Street, new IncidentReopened(incident.Id, reason)))
            _reopenReasons.Remove(incident.Id);
    }

    /// <summary>
    /// Sends one action as the signed-in person. Refused or not recorded: the reason is shown, what was typed stays,
    /// and Retry sends the same action again. A dispatch is watched until the live state applies or refuses it.
    /// </summary>
    private async Task<bool> SendAsync(string street, IEventPayload payload, SendingDispatch? sending = null)
    {
        _busy = true;
        _error = null;
        _retry = null;
        try
        {
            var result = await Session.SendAsync(street, payload);
            if (result.Status != CommandStatus.Appended)
            {
                _error = ConsoleSession.Explain(result);
                _retry = () => SendAsync(street, payload, sending);
                Snackbar.Add(_error, Severity.Error);
                return false;
            }
            if (sending is not null && !Live.Current.State.Dispatches.ContainsKey(sending.DispatchId))
            {
                _sending[sending.DispatchId] = sending;
                _watch?.Track(result.EventId!, sending);
            }
            return true;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetryAsync()
    {
        if (_retry is { } retry) await retry();
    }
}
