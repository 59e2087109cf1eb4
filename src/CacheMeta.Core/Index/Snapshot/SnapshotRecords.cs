using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using CacheMeta.Sources;
using CacheMeta.Text;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// The records of an index read from its snapshot, filled exactly as the JSON reading fills them: a record the query's
/// names rule out shows its name and version alone (the quick reading), any other what the whole reading gave, and a
/// record kept as text is read by the record parser. Whether a name is wanted is asked once per distinct name, from
/// the name column, before anything else of the record is decoded.
/// </summary>
internal sealed class SnapshotRecords : IIndexRecords
{
    private readonly SnapshotFile _file;
    private readonly string _origin;
    private readonly long _length;
    private readonly ISourceObserver _observer;
    private readonly sbyte[] _wanted, _ruledOut; // per name id: 0 not asked yet, 1 yes, -1 no
    private readonly Dictionary<(int, int, int), ArchParts> _arches = new();
    private IndexRecordParser? _parser;
    private IndexRecord? _lookedAhead;
    private int _entry = -1;

    public SnapshotRecords(SnapshotFile file, string origin, long length, ISourceObserver observer)
    {
        _file = file;
        _origin = origin;
        _length = length;
        _observer = observer;
        _wanted = new sbyte[file.StringCount];
        _ruledOut = new sbyte[file.StringCount];
    }

    public int Version => _file.DatabaseVersion;

    public void Open()
    {
    }

    [MethodImpl(Jit.Optimized)]
    public bool Next(Func<string, bool>? passOver, out string key)
    {
        while (++_entry < _file.Count)
        {
            // A quick record is always a hash's (the writer keeps other keys alone), reads without a warning when its
            // name is ruled out, and then only matters as some record's compiler.
            int flags = Field(SnapshotFormat.Flags);
            if (passOver is null || (flags & SnapshotFormat.NobodysCompiler) == 0 || !RuledOut(Field(SnapshotFormat.Name), passOver))
            {
                key = _file.String(Field(SnapshotFormat.Key))!;
                return true;
            }
        }

        key = string.Empty;
        return false;
    }

    [MethodImpl(Jit.Optimized)]
    public string? Parse(Func<string, bool> wantName, IndexRecord record)
    {
        int flags = Field(SnapshotFormat.Flags);
        switch (flags & SnapshotFormat.KindMask)
        {
            case SnapshotFormat.KindRaw:
                _parser ??= new IndexRecordParser(Version);
                return _parser.Parse(_file.Raw(Field(SnapshotFormat.RawRecord)), wantName, record);
            case SnapshotFormat.KindQuick:
                break;
            default:
                record.Reset();
                return IndexRecordKey.NotAHash; // the writer keeps only keys the reader skips unread
        }

        record.Reset();
        int name = Field(SnapshotFormat.Name);
        record.Name = _file.String(name);
        record.Version = _file.String(Field(SnapshotFormat.Version));
        if (!Wanted(name, record.Name!, wantName))
        {
            record.InBuildcache = (flags & SnapshotFormat.QuickInBuildcache) != 0;
            return null;
        }

        if ((flags & SnapshotFormat.WholeFailed) != 0)
        {
            return _file.String(Field(SnapshotFormat.Problem));
        }

        record.InBuildcache = (flags & SnapshotFormat.WholeInBuildcache) != 0;
        record.External = (flags & SnapshotFormat.WholeExternal) != 0;
        record.Complete = (flags & SnapshotFormat.WholeComplete) != 0;
        record.Arch = Arch(Field(SnapshotFormat.Platform), Field(SnapshotFormat.OS), Field(SnapshotFormat.Target));
        record.NodeCompiler = _file.String(Field(SnapshotFormat.NodeCompiler));
        record.AnnotatedCompiler = _file.String(Field(SnapshotFormat.AnnotatedCompiler));
        record.CompilerHash = _file.String(Field(SnapshotFormat.CompilerHash));
        record.Variants = _file.List(Field(SnapshotFormat.Variants));
        record.Dependencies = _file.Edges(Field(SnapshotFormat.Dependencies));
        return null;
    }

    // The first entry of that key that reads well, as the JSON's look-ahead finds it (the snapshot holds only records).
    public bool TryLookAhead(string key, Func<string, bool> wantName, out string name, out string version, out bool certain)
    {
        name = version = string.Empty;
        certain = true;
        int current = _entry;
        var record = _lookedAhead ??= new IndexRecord();
        try
        {
            for (_entry = 0; _entry < _file.Count; _entry++)
            {
                if (string.Equals(_file.String(Field(SnapshotFormat.Key)), key, StringComparison.Ordinal) && Parse(wantName, record) is null)
                {
                    name = record.Name!;
                    version = record.Version!;
                    return true;
                }
            }

            return false;
        }
        finally
        {
            _entry = current;
        }
    }

    public void Tick()
    {
    }

    public void Complete() => _observer.Progress(new SourceProgress("Reading index", _origin, _length, _length, completed: true));

    public void Dispose()
    {
    }

    private int Field(int field) => _file.Field(_entry, field);

    [MethodImpl(Jit.Optimized)]
    private bool RuledOut(int name, Func<string, bool> passOver)
    {
        if (_ruledOut[name] == 0)
        {
            _ruledOut[name] = passOver(_file.String(name)!) ? (sbyte)1 : (sbyte)-1;
        }

        return _ruledOut[name] > 0;
    }

    [MethodImpl(Jit.Optimized)]
    private bool Wanted(int name, string text, Func<string, bool> wantName)
    {
        if (_wanted[name] == 0)
        {
            _wanted[name] = wantName(text) ? (sbyte)1 : (sbyte)-1;
        }

        return _wanted[name] > 0;
    }

    // The JSON reading shares one ArchParts per distinct arch; so does this one.
    [MethodImpl(Jit.Optimized)]
    private ArchParts Arch(int platform, int os, int target)
    {
        if (platform < 0 && os < 0 && target < 0)
        {
            return ArchParts.None;
        }

        if (!_arches.TryGetValue((platform, os, target), out var arch))
        {
            arch = new ArchParts(_file.String(platform), _file.String(os), _file.String(target));
            _arches.Add((platform, os, target), arch);
        }

        return arch;
    }
}
