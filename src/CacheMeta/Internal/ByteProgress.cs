using System;
using System.Diagnostics;
using System.Management.Automation;
using CacheMeta.Sources;
using CacheMeta.Text;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// A progress bar of bytes written, with the rate since the bar started (Save-CacheBinary, Export-CacheMirror):
/// updated at most a few times a second (<see cref="ProgressThrottle"/>) and, once shown, always completed.
/// Written from the pipeline thread only.
/// </summary>
internal sealed class ByteProgress
{
    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;
    private readonly ProgressThrottle _throttle = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _shown;

    public ByteProgress(Cmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _activity = activity;
    }

    /// <summary><c>1.2 KB of 3.4 KB, 5.6 KB/s</c>, with a percentage when <paramref name="total"/> is known.</summary>
    public void Report(long done, long total, string? operation = null)
    {
        if (!_throttle.Due())
        {
            return;
        }

        _shown = true;
        double rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, $"{ByteText.Of(done)} of {ByteText.Of(total)}, {ByteText.Of((long)rate)}/s")
        {
            PercentComplete = total > 0 ? (int)Math.Min(100, done * 100 / total) : -1,
            CurrentOperation = operation,
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
