using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Passes what a source reports to the cmdlet's streams: warnings (a skipped index record), verbose notes
/// (cache hits, downloads, retries, folders searched) and progress bars in bytes or the source's own status, one bar
/// per kind of work, updated a few times a second at most (<see cref="ProgressThrottle"/>) and always completed. Sources call it on the pipeline thread, so writing is safe.
/// </summary>
internal sealed class SourceObserver : ISourceObserver
{
    private readonly Cmdlet _cmdlet;
    private readonly int _firstActivityId;
    private readonly Dictionary<string, Bar> _bars = new();

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

        if (progress.Completed)
        {
            if (bar.Shown)
            {
                bar.Shown = false;
                _cmdlet.WriteProgress(new ProgressRecord(bar.Id, progress.Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            return;
        }

        if (!bar.Throttle.Due())
        {
            return;
        }

        bar.Shown = true;
        string status = progress.Status ?? (progress.TotalBytes is long total && total > 0
            ? $"{Text.ByteText.Of(progress.Bytes)} of {Text.ByteText.Of(total)}"
            : Text.ByteText.Of(progress.Bytes));
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
            if (!ProgressBars.Clear(_cmdlet, entry.Value.Id, entry.Key))
            {
                return; // Ctrl+C: the host clears the bars itself
            }
        }
    }

    private sealed class Bar
    {
        public Bar(int id) => Id = id;

        public int Id { get; }

        public ProgressThrottle Throttle { get; } = new();

        public bool Shown { get; set; }
    }
}
