using System;
using System.Management.Automation;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// A progress bar for reading many items: updated at most a few times a second (progress records are not
/// free), with one activity id per cmdlet, and always completed so no bar is left behind. Called once per spec, so
/// it looks at the clock only every few dozen items, and names the current item only when it writes.
/// </summary>
internal sealed class ProgressReporter
{
    private const long IntervalMilliseconds = 250;

    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;
    private const int ItemsPerClockCheck = 64;

    private int _lastWrite = Environment.TickCount - (int)IntervalMilliseconds;
    private readonly string _statusFormat;
    private bool _shown;
    private int _sinceClockCheck = ItemsPerClockCheck - 1; // the first call looks at the clock

    /// <summary><paramref name="statusFormat"/> gets the pages as {0} and the items as {1}.</summary>
    public ProgressReporter(Cmdlet cmdlet, int activityId, string activity, string statusFormat = "{0:N0} pages read, {1:N0} found")
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _activity = activity;
        _statusFormat = statusFormat;
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
        int now = Environment.TickCount;
        if (unchecked(now - _lastWrite) < IntervalMilliseconds)
        {
            return; // the difference is right across the tick count's wrap-around too
        }

        _lastWrite = now;
        _shown = true;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, string.Format(System.Globalization.CultureInfo.CurrentCulture, _statusFormat, Pages, Items))
        {
            CurrentOperation = describe is null ? current as string : describe(current),
            PercentComplete = -1,
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
        try
        {
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C: the host clears the bar itself; the original stop must propagate, not this.
        }
    }
}
