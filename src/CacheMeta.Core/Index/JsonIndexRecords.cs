using System;
using System.Collections.Generic;
using System.IO;
using CacheMeta.Index.Snapshot;
using CacheMeta.Sources;

namespace CacheMeta.Index;

/// <summary>
/// The records of an index read from its JSON text: cut by the document reader on a thread of its own
/// (<see cref="RecordCutter"/>), read by the record parser on the caller's. Given a
/// <see cref="SnapshotRecorder"/>, it also notes every record in the form the snapshot keeps, and has the recorder
/// write the snapshot once the whole document has been read (never after a read that stopped or failed).
/// Given the names the read wants, the cutter's thread also parses the records the parser is not ready for yet
/// (<see cref="RecordPreparser"/>); not while recording, which reads records its own way. A record wanted ahead of the
/// cut (a compiler that comes after its specs) is found in the file by a reading of its own (<see cref="RecordLookAhead"/>).
/// </summary>
internal sealed class JsonIndexRecords : IIndexRecords
{
    private readonly LocalIndex _index;
    private readonly FileProgress _progress;
    private readonly IndexDocumentReader _document;
    private readonly SnapshotRecorder? _recorder;
    private readonly Func<string, bool>? _wantName;
    private IndexRecordParser? _parser;
    private RecordCutter? _cutter;
    private byte[] _text = Array.Empty<byte>();
    private RecordCutter.CutRecord _cut;
    private IndexRecord? _parsed;
    private string? _problem;
    private bool _plain;
    private RecordLookAhead? _lookAhead;
    private readonly List<long> _passed = new(); // where each record read so far starts, in file order (for the look-ahead)

    /// <param name="index">The index file.</param>
    /// <param name="observer">Told of progress.</param>
    /// <param name="recorder">Notes the records for the snapshot, when one is to be written.</param>
    /// <param name="wantName">The names the read will ask <see cref="Parse"/> for (the same instance), so records can be
    /// parsed ahead on the cutter's thread; null to parse every record on the caller's.</param>
    public JsonIndexRecords(LocalIndex index, ISourceObserver observer, SnapshotRecorder? recorder, Func<string, bool>? wantName = null)
    {
        _index = index;
        _recorder = recorder;
        _wantName = wantName;
        _progress = new FileProgress(observer, "Reading index", index.Origin);
        _document = new IndexDocumentReader(Opened, index.Origin);
    }

    public int Version => _document.Version;

    /// <summary>How many records so far were taken as the cutter's thread parsed them (for tests).</summary>
    internal int Preparsed { get; private set; }

    /// <summary>How many look-aheads had to cut the document rather than search its bytes (for tests).</summary>
    internal int LookAheadCuts => _lookAhead?.Cuts ?? 0;

    public void Open()
    {
        _document.Open();
        _parser = new IndexRecordParser(_document.Version);
        _recorder?.Start(_document.Version);
        _cutter = new RecordCutter(_document,
            _recorder is null && _wantName is not null ? new RecordPreparser(_document.Version, _wantName) : null);
        _cutter.Start();
    }

    public bool Next(Func<string, bool>? passOver, out string key)
    {
        if (!_cutter!.Next(out _cut, out _text, out _parsed, out _problem))
        {
            key = string.Empty;
            return false;
        }

        key = _cut.Key;
        if (_document.Version >= DatabaseVersion.CompilersAsDependencies)
        {
            _passed.Add(_cut.At); // only from database 8 is a record another's compiler
        }

        _recorder?.Key(key);
        return true;
    }

    public string? Parse(Func<string, bool> wantName, IndexRecord record)
    {
        if (_parsed is not null && ReferenceEquals(wantName, _wantName))
        {
            record.CopyFrom(_parsed);
            Preparsed++;
            return _problem;
        }

        var json = new ReadOnlySpan<byte>(_text, _cut.Offset, _cut.Length);
        if (_recorder is null)
        {
            return _parser!.Parse(json, _cut.Shape, wantName, record);
        }

        // Recording: a record the quick reading can take is read whole once, for the snapshot, and shown to this query
        // as the quick reading would show it; any other is kept as its text and read as usual.
        if (!_parser!.TryQuick(json, _cut.Shape, out string name, out string version))
        {
            _recorder.Raw(json);
            return _parser.ParseWhole(json, wantName, record, _cut.Shape);
        }

        string? problem = _parser.ParseWhole(json, _ => true, record, _cut.Shape);
        _recorder.Quick(name, version, _cut.Shape.InBuildcache, problem, record);
        if (wantName(name))
        {
            return problem;
        }

        record.Reset();
        record.Name = name;
        record.Version = version;
        record.InBuildcache = _cut.Shape.InBuildcache;
        return null;
    }

    // The records read so far are known by where they start: an object of the key found among them is one of them or
    // is passed over, and one found further on is the reader's to check when it gets there.
    public bool TryLookAhead(string key, Func<string, bool> wantName, out string name, out string version, out bool certain)
    {
        _lookAhead ??= new RecordLookAhead(_index, _parser!, _plain, IsPassed);
        return _lookAhead.TryFind(key, wantName, _cut.At + 1, out name, out version, out certain);
    }

    private bool IsPassed(long at) => _passed.BinarySearch(at) >= 0;

    public void Tick() => _progress.Tick();

    public void Complete()
    {
        _progress.Complete();
        _recorder?.Commit();
    }

    public void Dispose()
    {
        _cutter?.Dispose(); // first: its thread reads the document
        _document.Dispose();
        _lookAhead?.Dispose();
    }

    private Stream Opened()
    {
        var stream = _index.Open(out var file);
        _plain = ReferenceEquals(stream, file);
        _progress.Track(file);
        return stream;
    }
}
