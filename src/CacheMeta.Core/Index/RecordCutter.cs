using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace CacheMeta.Index;

/// <summary>
/// Cuts an index's records on a thread of its own, ahead of the thread that parses them, so a read uses both cores
/// for the two halves of its work: the cut (reading the file, the scanner's pass over every byte) and the parse of the
/// records the query wants. Each record's key, shape and text travel in batches (the text copied out of the
/// document's window, which the next cut reuses) through a short bounded queue, in file order; a failure of the cut
/// arrives after the records before it, where a reading on one thread would have met it. Batches are recycled, so a
/// read allocates a few of them whatever the size of the index. When the parse is the slower half (every spec as an
/// object), the cutter also parses the batches the parse thread is not ready for (<see cref="RecordPreparser"/>).
/// </summary>
internal sealed class RecordCutter : IDisposable
{
    private const int BatchBytes = 1 << 18;
    private const int BatchRecords = 512;
    private const int FirstBatchRecords = 8; // the first object of a read should not wait for a whole batch
    private const int QueuedBatches = 3;

    private readonly IndexDocumentReader _document;
    private readonly RecordPreparser? _preparser;
    private readonly BlockingCollection<Batch> _full = new(QueuedBatches);
    private readonly ConcurrentBag<Batch> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private Batch? _current;
    private int _at;

    /// <param name="document">An opened document reader; the cutter's thread is the only one to use it until disposal.</param>
    /// <param name="preparser">Parses the batches the parse thread is not ready for yet (see <see cref="RecordPreparser"/>).</param>
    public RecordCutter(IndexDocumentReader document, RecordPreparser? preparser = null)
    {
        _document = document;
        _preparser = preparser;
    }

    /// <summary>Starts cutting.</summary>
    public void Start()
    {
        _thread = new Thread(Cut) { IsBackground = true, Name = "CacheMeta index cutter" };
        _thread.Start();
    }

    /// <summary>
    /// The next record as cut (its key, shape, where it starts in the document, and where its text lies in
    /// <paramref name="buffer"/>, valid until the next call), with the record as the cutter's thread parsed it
    /// (<paramref name="parsed"/>, valid until the next call, and the parse's <paramref name="problem"/>) or null when it
    /// was left to the caller; false at the end. Rethrows the cut's failure where it happened.
    /// </summary>
    public bool Next(out CutRecord record, out byte[] buffer, out IndexRecord? parsed, out string? problem)
    {
        while (true)
        {
            if (_current is { } batch)
            {
                if (_at < batch.Count)
                {
                    int at = _at++;
                    record = batch.Records[at];
                    buffer = batch.Text;
                    parsed = at < batch.Parsed ? batch.Results[at] : null;
                    problem = parsed is null ? null : batch.Problems[at];
                    return true;
                }

                batch.Failure?.Throw();
                if (batch.End)
                {
                    record = default;
                    buffer = batch.Text;
                    parsed = null;
                    problem = null;
                    return false;
                }

                batch.Clear();
                _free.Add(batch);
            }

            _current = _full.Take();
            _at = 0;
        }
    }

    public void Dispose()
    {
        if (_thread is null)
        {
            return;
        }

        _stop.Cancel();
        while (_full.TryTake(out _))
        {
            // Unblocks a cutter waiting for room.
        }

        _thread.Join();
        _thread = null;
        _stop.Dispose();
        _full.Dispose();
    }

    private void Cut()
    {
        var batch = Rent();
        int limit = FirstBatchRecords;
        try
        {
            while (true)
            {
                if (!_document.NextRecord(out string key, out int offset, out int length, out var shape))
                {
                    batch.End = true;
                    break;
                }

                if (batch.Count >= limit || (batch.Used + length > batch.Text.Length && batch.Count > 0))
                {
                    Hand(batch);
                    batch = Rent();
                    limit = BatchRecords;
                }

                batch.Add(key, new ReadOnlySpan<byte>(_document.Window, offset, length), shape, _document.WindowOffset + offset);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return; // the reader stopped: nobody waits for the rest
        }
        catch (Exception ex)
        {
            batch.Failure = ExceptionDispatchInfo.Capture(ex);
        }

        try
        {
            Hand(batch);
        }
        catch (OperationCanceledException)
        {
            // the reader stopped meanwhile
        }
    }

    // Hands a batch over; when the parse thread is behind (the queue is full), parses it here first.
    private void Hand(Batch batch)
    {
        if (_preparser is null)
        {
            _full.Add(batch, _stop.Token);
        }
        else if (!_full.TryAdd(batch))
        {
            batch.Parsed = _preparser.Parse(batch.Text, batch.Records, batch.Count, batch.Results, batch.Problems, _stop.Token);
            _full.Add(batch, _stop.Token);
        }
    }

    private Batch Rent() => _free.TryTake(out var batch) ? batch : new Batch();

    /// <summary>Where a cut record is in its batch's text, with its key and shape.</summary>
    internal readonly struct CutRecord
    {
        public CutRecord(string key, int offset, int length, RecordShape shape, long at)
        {
            At = at;
            Key = key;
            Offset = offset;
            Length = length;
            Shape = shape;
        }

        public string Key { get; }
        public int Offset { get; }
        public int Length { get; }
        public RecordShape Shape { get; }

        /// <summary>Where the record's value starts in the document.</summary>
        public long At { get; }
    }

    private sealed class Batch
    {
        public byte[] Text = new byte[BatchBytes];
        public int Used;
        public readonly CutRecord[] Records = new CutRecord[BatchRecords]; // the cut hands a batch over at BatchRecords
        public int Count;
        public readonly IndexRecord?[] Results = new IndexRecord?[BatchRecords]; // the preparser's, reused with the batch
        public readonly string?[] Problems = new string?[BatchRecords];
        public int Parsed; // records [0, Parsed) were parsed by the cutter's thread
        public ExceptionDispatchInfo? Failure;
        public bool End;

        public void Add(string key, ReadOnlySpan<byte> text, RecordShape shape, long at)
        {
            if (Used + text.Length > Text.Length)
            {
                Array.Resize(ref Text, Math.Max(Text.Length * 2, Used + text.Length)); // a record larger than a batch
            }

            text.CopyTo(new Span<byte>(Text, Used, text.Length));
            Records[Count++] = new CutRecord(key, Used, text.Length, shape, at);
            Used += text.Length;
        }

        public void Clear()
        {
            Count = 0;
            Parsed = 0;
            Used = 0;
            Failure = null;
            End = false;
            if (Text.Length > BatchBytes * 4)
            {
                Text = new byte[BatchBytes]; // one huge record does not keep its buffer for the rest of the read
            }
        }
    }
}
