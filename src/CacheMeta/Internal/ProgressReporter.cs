using System;
using System.Globalization;
using System.Management.Automation;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// A progress bar for reading or writing many items: updated at most a few times a second (<see cref="ProgressThrottle"/>),
/// with a named activity id (<see cref="ActivityIds"/>), a percentage when the total is known, and always completed
/// so no bar is left behind. Called once per spec, so it looks at the clock only every few dozen items, and names
/// the current item only when it writes.
/// </summary>
internal sealed class ProgressReporter
{
    private const int ItemsPerClockCheck = 64;

    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;
    private readonly string _statusFormat;
    private readonly int _total;
    private readonly ProgressThrottle _throttle = new();
    private bool _shown;
    private int _sinceClockCheck = ItemsPerClockCheck - 1; // the first call looks at the clock

    /// <summary>
    /// <paramref name="statusFormat"/> gets the pages as {0}, the items as {1} and <paramref name="total"/> as {2};
    /// with a total (of pages) the bar shows a percentage.
    /// </summary>
    public ProgressReporter(Cmdlet cmdlet, int activityId, string activity, string statusFormat = "{0:N0} pages read, {1:N0} found", int total = 0)
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _activity = activity;
        _statusFormat = statusFormat;
        _total = total;
    }

    public int Pages { get; private set; }

    public long Items { get; private set; }

    public void Advance(string currentPath, int items) => Advance(currentPath, items, null);

    /// <summary>Counts <paramref name="items"/>; <paramref name="describe"/> names <paramref name="current"/> when the bar is written.</summary>
    public void Advance(object? current, int items, Func<object?, string>? describe)
    {
        Pages++;
        Items += items;
        if (++_sinceClockCheck < ItemsPerClockCheck)
        {
            return;
        }

        _sinceClockCheck = 0;
        if (!_throttle.Due())
        {
            return;
        }

        _shown = true;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, string.Format(CultureInfo.CurrentCulture, _statusFormat, Pages, Items, _total))
        {
            CurrentOperation = describe is null ? current as string : describe(current),
            PercentComplete = _total > 0 ? (int)Math.Min(100, Pages * 100L / _total) : -1,
        });
    }

    /// <summary>Clears the bar; safe to call from a finally block while the pipeline is being stopped.</summary>
    public void Complete()
    {
        if (!_shown)
        {
            return;
        }

        _shown = false;
        ProgressBars.Clear(_cmdlet, _activityId, _activity);
    }
}
