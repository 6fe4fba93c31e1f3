namespace CommandCenter.Infrastructure.Database;

/// <summary>
/// Whether the database is usable yet (its schema current), and if not, why. The app starts and serves /healthz
/// whatever the database's state; the services that need it wait here, and requests are told it is not ready.
/// </summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _problem = "the database has not been checked yet";

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Why the database is not ready, in plain words; null once it is.</summary>
    public string? Problem => _problem;

    public Task WaitAsync(CancellationToken ct = default) => _ready.Task.WaitAsync(ct);

    internal void SetReady()
    {
        _problem = null;
        _ready.TrySetResult();
    }

    internal void SetProblem(string problem) => _problem = problem;
}
