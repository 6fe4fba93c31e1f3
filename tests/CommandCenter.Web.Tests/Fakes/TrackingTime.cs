using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>The fake clock, counting the timers created from it that are not yet disposed (a page must leave none).</summary>
internal sealed class TrackingTime(FakeTimeProvider fake) : TimeProvider
{
    private int _live;

    public int LiveTimers => Volatile.Read(ref _live);

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _live);
        return new Tracked(fake.CreateTimer(callback, state, dueTime, period), this);
    }

    private sealed class Tracked(ITimer inner, TrackingTime owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref owner._live);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
