using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CacheMeta.Sources;

namespace CacheMeta.Binaries;

/// <summary>
/// Runs items' work on the thread pool, at most <c>throttle</c> at once, and hands the results back in the order the
/// items came, on the caller's thread. What the work reports (verbose notes, warnings) is queued and passed to the
/// caller's observer when the caller takes results, so a cmdlet's streams are only ever written from its own thread.
/// Cancelling the token stops the work waiting to start and every wait.
/// </summary>
internal sealed class OrderedWork<TItem, TResult> : IDisposable
{
    private readonly Func<TItem, ISourceObserver, CancellationToken, TResult> _work;
    private readonly SemaphoreSlim _slots;
    private readonly Queue<(TItem Item, Task<TResult> Task)> _pending = new();
    private readonly QueuedObserver _observer = new();
    private readonly CancellationToken _cancellationToken;

    public OrderedWork(int throttle, Func<TItem, ISourceObserver, CancellationToken, TResult> work, CancellationToken cancellationToken)
    {
        if (throttle < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throttle));
        }

        _work = work;
        _slots = new SemaphoreSlim(throttle);
        _cancellationToken = cancellationToken;
        Throttle = throttle;
    }

    public int Throttle { get; }

    /// <summary>The observer the work reports to (thread-safe); give it to the fetchers the work uses.</summary>
    public ISourceObserver Observer => _observer;

    /// <summary>Items started and not yet taken.</summary>
    public int Pending => _pending.Count;

    /// <summary>Starts an item's work (it waits for a free slot on the pool, not here).</summary>
    public void Add(TItem item)
    {
        var task = Task.Run(async () =>
        {
            await _slots.WaitAsync(_cancellationToken).ConfigureAwait(false);
            try
            {
                return _work(item, _observer, _cancellationToken);
            }
            finally
            {
                _slots.Release();
            }
        }, _cancellationToken);
        _pending.Enqueue((item, task));
    }

    /// <summary>Passes the reports kept so far to <paramref name="observer"/> (work that runs after the last <see cref="Take"/> reports too).</summary>
    public void PassReports(ISourceObserver observer) => _observer.Drain(observer);

    /// <summary>
    /// The finished results at the head of the line, in order; with <paramref name="wait"/> it first waits until at
    /// most <paramref name="keepPending"/> items are left unfinished behind them (0: all of them). Each result is the
    /// item with its value or the exception its work threw; reports are passed to <paramref name="observer"/> meanwhile.
    /// </summary>
    public IEnumerable<(TItem Item, TResult? Value, Exception? Error)> Take(ISourceObserver observer, bool wait, int keepPending = 0)
    {
        while (_pending.Count > 0)
        {
            var head = _pending.Peek();
            while (!head.Task.IsCompleted && wait && _pending.Count > keepPending)
            {
                _observer.Drain(observer);
                try
                {
                    head.Task.Wait(100, _cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }
                catch (AggregateException)
                {
                    // the task's own failure: reported below
                }
            }

            _observer.Drain(observer);
            if (!head.Task.IsCompleted)
            {
                yield break;
            }

            _pending.Dequeue();
            if (head.Task.IsCanceled)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                yield return (head.Item, default, new OperationCanceledException());
            }
            else if (head.Task.Exception is { } failed)
            {
                yield return (head.Item, default, failed.InnerException ?? failed);
            }
            else
            {
                yield return (head.Item, head.Task.Result, null);
            }
        }
    }

    public void Dispose() => _slots.Dispose();
}
