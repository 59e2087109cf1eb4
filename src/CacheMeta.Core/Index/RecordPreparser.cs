using System;
using System.Runtime.CompilerServices;
using System.Threading;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Lets the cutter's thread parse records when it would otherwise wait: the cut of the whole index takes a fraction of
/// the parse, so once the parse thread is a few batches behind, the cutter parses the batch it has just cut before it
/// hands it over, and the parse thread takes those records as they are. The parse is thus shared between both cores
/// wherever it is the slower half, while records still arrive, and are handed out, in file order: only where a record
/// is parsed moves, never when it is taken. The parse is the very one the parse thread runs (same parser kind, same
/// query), with pools of its own, so a record reads the same on either thread.
/// </summary>
internal sealed class RecordPreparser
{
    private readonly IndexRecordParser _parser;
    private readonly Func<string, bool> _wantName;

    /// <param name="databaseVersion">The document's version (the parser's variant rendering depends on it).</param>
    /// <param name="wantName">The names the read wants, as the parse thread gives them (a pure test: it runs on both threads).</param>
    public RecordPreparser(int databaseVersion, Func<string, bool> wantName)
    {
        _parser = new IndexRecordParser(databaseVersion);
        _wantName = wantName;
    }

    /// <summary>Parses the records of a cut batch (its text and shapes) into <paramref name="records"/>, from the first.</summary>
    /// <returns>How many were parsed: all of them, unless <paramref name="stop"/> was signalled or a record failed
    /// unexpectedly (that record and the rest are then left to the parse thread, where the failure belongs).</returns>
    [MethodImpl(Jit.Optimized)]
    public int Parse(byte[] text, RecordCutter.CutRecord[] cut, int count, IndexRecord?[] records, string?[] problems, CancellationToken stop)
    {
        int i = 0;
        try
        {
            for (; i < count && !stop.IsCancellationRequested; i++)
            {
                var record = records[i] ??= new IndexRecord();
                var at = cut[i];
                problems[i] = _parser.Parse(new ReadOnlySpan<byte>(text, at.Offset, at.Length), at.Shape, _wantName, record);
            }
        }
        catch (Exception)
        {
            // Not the cutter's to report: the parse thread parses this record again and meets the failure in its place.
        }

        return i;
    }
}
