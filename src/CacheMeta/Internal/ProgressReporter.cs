using System;
using System.Management.Automation;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// A progress bar for reading many items: updated at most a few times a second (progress records are not
/// free), with one activity id per cmdlet, and always completed so no bar is left behind. Called once per spec, so
/// it reads the coarse tick count, which costs a few nanoseconds, rather than a stopwatch.
/// </summary>
internal sealed class ProgressReporter
{
    private const long IntervalMilliseconds = 250;

    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;
    private int _lastWrite = Environment.TickCount - (int)IntervalMilliseconds;
    private readonly string _statusFormat;
    private bool _shown;

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

    public void Advance(string currentPath, int items)
    {
        Pages++;
        Items += items;
        int now = Environment.TickCount;
        if (unchecked(now - _lastWrite) < IntervalMilliseconds)
        {
            return; // the difference is right across the tick count's wrap-around too
        }

        _lastWrite = now;
        _shown = true;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, string.Format(System.Globalization.CultureInfo.CurrentCulture, _statusFormat, Pages, Items))
        {
            CurrentOperation = currentPath,
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
