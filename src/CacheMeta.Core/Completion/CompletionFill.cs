using System;
using System.Threading;
using System.Threading.Tasks;

namespace CacheMeta.Completion;

/// <summary>
/// The values of one source, read on a worker thread so that a Tab never waits on the whole source: a completer
/// waits at most a bound (about a second) for the reading to finish and otherwise offers what has been read so far;
/// the reading goes on, and the next Tab finds more. A fill belongs to one state of its source (its
/// <see cref="Stamp"/>): when the source changes, the owner cancels it and starts a new one.
/// </summary>
internal sealed class CompletionFill : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task _reading;

    /// <summary>Starts <paramref name="read"/>, which adds to the values it is given until done or cancelled.</summary>
    public CompletionFill(string stamp, Action<CompletionValues, CancellationToken> read)
    {
        Stamp = stamp;
        var token = _cancel.Token;
        // A worker thread of its own: the reading may block on a slow disk or a FIFO, and must not hold the prompt.
        _reading = Task.Factory.StartNew(() => read(Values, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>What the source looked like when the fill started (see <see cref="SourceStamp"/>).</summary>
    public string Stamp { get; }

    /// <summary>The values read so far.</summary>
    public CompletionValues Values { get; } = new();

    /// <summary>True once the whole source has been read (or the reading failed or was cancelled).</summary>
    public bool IsComplete => _reading.IsCompleted;

    /// <summary>Waits up to <paramref name="bound"/> for the reading to finish; the values either way (a failed read keeps what it read).</summary>
    public CompletionValues Wait(TimeSpan bound)
    {
        try
        {
            _reading.Wait(bound);
        }
        catch (AggregateException)
        {
            // A source that failed part-way offers what was read before it failed.
        }

        return Values;
    }

    /// <summary>Stops the reading (a changed or evicted source).</summary>
    public void Dispose()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
