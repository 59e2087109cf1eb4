using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using CacheMeta.Sources;

namespace CacheMeta.Index;

/// <summary>
/// Runs a reader on a worker thread while the caller consumes what it gives, so an index read uses both cores: one
/// cuts and parses records into objects, the other (the PowerShell pipeline) takes them. Items and what the reader
/// tells its observer travel together in batches, in the order they happened, through a short bounded queue; the
/// caller's enumerator replays the observer calls on the caller's thread (sources call observers on the enumerating
/// thread, see <see cref="ISourceObserver"/>) and rethrows the reader's exception where it happened. Stopping early
/// (Select-Object -First) cancels the worker and waits for it, so its file is closed when the enumeration ends.
/// </summary>
internal static class ReadAhead
{
    private const int BatchSize = 256;
    private const int QueuedBatches = 4;

    /// <summary>The items <paramref name="produce"/> gives to its sink, in order, read on another thread.</summary>
    public static IEnumerable<T> Run<T>(Action<Sink<T>, CancellationToken> produce, ISourceObserver observer, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<List<Entry<T>>>(QueuedBatches);
        var free = new ConcurrentBag<List<Entry<T>>>(); // batches go back to the worker: a read allocates a few, not one per 256 items
        var sink = new Sink<T>(queue, free, stop.Token);
        var worker = new Thread(() => sink.Run(produce)) { IsBackground = true, Name = "CacheMeta index reader" };
        worker.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
            {
                foreach (var entry in batch)
                {
                    switch (entry.Kind)
                    {
                        case EntryKind.Item: yield return entry.Item!; break;
                        case EntryKind.Warning: observer.Warning(entry.Message!); break;
                        case EntryKind.Verbose: observer.Verbose(entry.Message!); break;
                        case EntryKind.Progress: observer.Progress(entry.Progress!); break;
                        case EntryKind.Failure: entry.Failure!.Throw(); break;
                    }
                }

                batch.Clear();
                free.Add(batch);
            }
        }
        finally
        {
            stop.Cancel();
            while (queue.TryTake(out _))
            {
                // Unblocks a worker waiting for room.
            }

            worker.Join();
        }
    }

    /// <summary>What a reader on the worker gives: items, and observer calls kept for the caller's thread.</summary>
    internal sealed class Sink<T> : ISourceObserver
    {
        private readonly BlockingCollection<List<Entry<T>>> _queue;
        private readonly ConcurrentBag<List<Entry<T>>> _free;
        private readonly CancellationToken _stop;
        private List<Entry<T>> _batch = new();
        private bool _gaveFirst;

        public Sink(BlockingCollection<List<Entry<T>>> queue, ConcurrentBag<List<Entry<T>>> free, CancellationToken stop)
        {
            _queue = queue;
            _free = free;
            _stop = stop;
        }

        public void Add(T item)
        {
            _batch.Add(new Entry<T>(EntryKind.Item, item));
            if (!_gaveFirst || _batch.Count >= BatchSize)
            {
                _gaveFirst = true; // the first object goes at once: the caller sees it before the index is read
                Flush();
            }
        }

        public void Warning(string message) => _batch.Add(new Entry<T>(EntryKind.Warning, message: message));

        public void Verbose(string message) => _batch.Add(new Entry<T>(EntryKind.Verbose, message: message));

        public void Progress(SourceProgress progress) => _batch.Add(new Entry<T>(EntryKind.Progress, progress: progress));

        public void Run(Action<Sink<T>, CancellationToken> produce)
        {
            try
            {
                produce(this, _stop);
                Flush();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The caller stopped (or was cancelled): nobody waits for the rest.
            }
            catch (Exception ex)
            {
                _batch.Add(new Entry<T>(EntryKind.Failure, failure: ExceptionDispatchInfo.Capture(ex)));
                TryFlush();
            }
            finally
            {
                _queue.CompleteAdding();
            }
        }

        private void Flush()
        {
            if (_batch.Count > 0)
            {
                _queue.Add(_batch, _stop);
                _batch = _free.TryTake(out var recycled) ? recycled : new List<Entry<T>>(BatchSize);
            }
        }

        private void TryFlush()
        {
            try
            {
                Flush();
            }
            catch (OperationCanceledException)
            {
                // The caller has gone; the failure has nobody to reach.
            }
        }
    }

    internal enum EntryKind
    {
        Item,
        Warning,
        Verbose,
        Progress,
        Failure,
    }

    // One item or one observer call: the three kinds of the latter share a field (an entry per spec of a read).
    internal readonly struct Entry<T>
    {
        private readonly object? _other;

        public Entry(EntryKind kind, T? item = default, string? message = null, SourceProgress? progress = null, ExceptionDispatchInfo? failure = null)
        {
            Kind = kind;
            Item = item;
            _other = (object?)message ?? (object?)progress ?? failure;
        }

        public EntryKind Kind { get; }

        public T? Item { get; }

        public string? Message => _other as string;

        public SourceProgress? Progress => _other as SourceProgress;

        public ExceptionDispatchInfo? Failure => _other as ExceptionDispatchInfo;
    }
}
