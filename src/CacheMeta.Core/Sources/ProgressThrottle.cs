using System.Diagnostics;

namespace CacheMeta.Sources;

/// <summary>
/// When progress is worth reporting: a few times a second at most, because a progress record costs the host a
/// redraw and a report per page or per buffer would cost more than the work it reports. The first call is due,
/// so a bar appears at once. The one throttle of every progress report (downloads, index reads, folder searches,
/// the cmdlets' bars); not thread-safe: each reporter has its own.
/// </summary>
internal sealed class ProgressThrottle
{
    /// <summary>The least time between two reports.</summary>
    public const long IntervalMilliseconds = 250;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _last = -IntervalMilliseconds;

    /// <summary>True, and the interval starts again, when a report is due now.</summary>
    public bool Due()
    {
        long now = _clock.ElapsedMilliseconds;
        if (now - _last < IntervalMilliseconds)
        {
            return false;
        }

        _last = now;
        return true;
    }
}
