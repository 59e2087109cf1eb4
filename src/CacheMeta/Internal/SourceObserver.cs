using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Passes what a source reports to the cmdlet's streams: warnings (a skipped index record), verbose notes
/// (cache hits, downloads, retries) and progress bars in bytes, one bar per kind of work, updated a few times
/// a second at most and always completed. Sources call it on the pipeline thread, so writing is safe.
/// </summary>
internal sealed class SourceObserver : ISourceObserver
{
    private const long IntervalMilliseconds = 250;

    private readonly Cmdlet _cmdlet;
    private readonly int _firstActivityId;
    private readonly Dictionary<string, Bar> _bars = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public SourceObserver(Cmdlet cmdlet, int firstActivityId)
    {
        _cmdlet = cmdlet;
        _firstActivityId = firstActivityId;
    }

    public void Warning(string message) => _cmdlet.WriteWarning(message);

    public void Verbose(string message) => _cmdlet.WriteVerbose(message);

    public void Progress(SourceProgress progress)
    {
        if (!_bars.TryGetValue(progress.Activity, out var bar))
        {
            bar = new Bar(_firstActivityId + _bars.Count);
            _bars.Add(progress.Activity, bar);
        }

        long now = _clock.ElapsedMilliseconds;
        if (progress.Completed)
        {
            if (bar.Shown)
            {
                bar.Shown = false;
                _cmdlet.WriteProgress(new ProgressRecord(bar.Id, progress.Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            return;
        }

        if (now - bar.LastWrite < IntervalMilliseconds)
        {
            return;
        }

        bar.LastWrite = now;
        bar.Shown = true;
        string status = progress.TotalBytes is long total && total > 0
            ? $"{Megabytes(progress.Bytes)} of {Megabytes(total)}"
            : Megabytes(progress.Bytes);
        _cmdlet.WriteProgress(new ProgressRecord(bar.Id, progress.Activity, status)
        {
            CurrentOperation = progress.Target,
            PercentComplete = progress.TotalBytes is long all && all > 0 ? (int)System.Math.Min(100, progress.Bytes * 100 / all) : -1,
        });
    }

    /// <summary>Clears every bar still shown; safe in a finally block while the pipeline stops.</summary>
    public void Complete()
    {
        foreach (var entry in _bars)
        {
            if (!entry.Value.Shown)
            {
                continue;
            }

            entry.Value.Shown = false;
            try
            {
                _cmdlet.WriteProgress(new ProgressRecord(entry.Value.Id, entry.Key, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
                return; // Ctrl+C: the host clears the bars itself
            }
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N1", System.Globalization.CultureInfo.CurrentCulture) + " MB";

    private sealed class Bar
    {
        public Bar(int id)
        {
            Id = id;
            LastWrite = -IntervalMilliseconds;
        }

        public int Id { get; }

        public long LastWrite { get; set; }

        public bool Shown { get; set; }
    }
}
