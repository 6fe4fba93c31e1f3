using System.Collections.Immutable;
using CommandCenter.Core.Access;
using CommandCenter.Core.Events;
using CommandCenter.Web.Live;
using CommandCenter.Web.Wall;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Kiosk;

/// <summary>What may take over a screen.</summary>
public static class TakeoverKinds
{
    public const string ToughWhistle = "tough-whistle";
    public const string MissedReportIn = "missed-report-in";
    public const string Severity1 = "severity-1";

    public static readonly ImmutableArray<string> All = [ToughWhistle, MissedReportIn, Severity1];

    public static Bilingual Label(string kind) => kind switch
    {
        ToughWhistle => UiText.Both("攻坚克难哨"),
        MissedReportIn => UiText.Both("部门未按时报到"),
        _ => UiText.Both("一级事件"),
    };
}

/// <summary>A takeover of the wall screens; <see cref="StreetCode"/> decides who may see it (Kiosk/ScreenAccess).</summary>
public sealed record Takeover(string Id, string Kind, Bilingual Street, string Title, DateTimeOffset StartedAt, DateTimeOffset Until, string StreetCode);

/// <summary>
/// Watches the live events for a new tough-problem whistle, a missed report-in or a severity-1 incident, and holds
/// each as an active takeover for <see cref="Duration"/> or until an operator acknowledges it. Every kiosk reads the
/// same immutable list and shows the takeovers its screen accepts; an acknowledgement clears them everywhere.
/// </summary>
public sealed class TakeoverService(LiveState live, EventLabels labels, TimeProvider time, IConfiguration configuration) : IHostedService
{
    private readonly Lock _gate = new();
    private string? _lastSeen;
    private ITimer? _expiry;
    private ImmutableArray<Takeover> _active = [];
    private IDisposable? _live;

    public TimeSpan Duration => TimeSpan.FromSeconds(configuration.GetValue("Wall:Takeover:Seconds", 60));

    public ImmutableArray<Takeover> Active { get { lock (_gate) return _active; } }

    private event Action? Changed;

    /// <summary>Tells <paramref name="changed"/>, on any thread, each time the active takeovers changed; disposing the
    /// result ends it.</summary>
    public IDisposable Subscribe(Action changed)
    {
        Changed += changed;
        return new Subscription(() => Changed -= changed);
    }

    public ImmutableArray<Takeover> ActiveFor(IReadOnlyCollection<string> kinds) => [.. Active.Where(t => kinds.Contains(t.Kind))];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _live = live.Subscribe(OnLive);
        _expiry = time.CreateTimer(_ => Expire(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _live?.Dispose();
        _expiry?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// An acknowledgement: the takeover leaves every screen. Only a person the permission table lets acknowledge takeovers
    /// (operators, dispatchers, district leaders) may; for anyone else nothing changes and it returns false.
    /// </summary>
    public bool Acknowledge(Actor? by, string id)
    {
        if (by is null || !Permissions.MayAcknowledgeTakeover(by)) return false;
        lock (_gate)
        {
            var next = _active.RemoveAll(t => t.Id == id);
            if (next.Length == _active.Length) return false;
            _active = next;
        }
        Changed?.Invoke();
        return true;
    }

    internal void OnLive()
    {
        var snapshot = live.Current;
        var fresh = new List<Takeover>();
        lock (_gate)
        {
            foreach (var envelope in snapshot.Recent)
            {
                if (envelope.Id == _lastSeen) break;
                if (Detect(envelope) is { } takeover) fresh.Add(takeover);
            }
            if (!snapshot.Recent.IsEmpty) _lastSeen = snapshot.Recent[0].Id;
            if (fresh.Count == 0) return;
            _active = _active.AddRange(fresh);
        }
        Changed?.Invoke();
    }

    private Takeover? Detect(EventEnvelope e)
    {
        var now = time.GetUtcNow();
        var kind = e.Payload switch
        {
            WhistleBlown { Level: WhistleLevel.ToughProblem } => TakeoverKinds.ToughWhistle,
            WhistleEscalated { ToLevel: WhistleLevel.ToughProblem } => TakeoverKinds.ToughWhistle,
            DeadlineMissed { Kind: DeadlineKind.WhistleReport } => TakeoverKinds.MissedReportIn,
            IncidentReported { Severity: 1 } => TakeoverKinds.Severity1,
            _ => null,
        };
        if (kind is null) return null;
        var row = labels.Row(e, live.Current.State);
        return new Takeover(e.Id, kind, labels.StreetName(e.Street), row.Summary.Zh, now, now + Duration, e.Street);
    }

    private void Expire()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_active.Any(t => t.Until <= now)) return;
            _active = _active.RemoveAll(t => t.Until <= now);
        }
        Changed?.Invoke();
    }
}
