using System;
using System.Collections.Generic;
using CacheMeta.Query;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// One <c>spec_details</c> record as <see cref="FastRecordReader"/> scans it: the values the query tests, decoded as
/// shared instances, and for every other value only where it lies in the line (<see cref="Defer"/>), decoded when
/// the record matches. The hash and tarball stay positions too: they are unique per record.
/// </summary>
internal struct ScannedRecord
{
    public string? Compiler, OS, Platform, Target;
    public IReadOnlyList<string> Versions, Variants, Stacks;
    public long? Size;
    public int HashStart, HashLength, TarballStart, TarballLength;

    private DeferredValue _compiler, _os, _platform, _target, _versions, _variants, _stacks;

    /// <param name="decodeNow">The fields to decode while scanning (the query tests them).</param>
    public ScannedRecord(RecordField decodeNow)
    {
        DecodeNow = decodeNow;
        Compiler = OS = Platform = Target = null;
        Versions = Variants = Stacks = ValueList.None;
        Size = null;
        HashStart = TarballStart = -1;
        HashLength = TarballLength = 0;
        _compiler = _os = _platform = _target = _versions = _variants = _stacks = default;
    }

    /// <summary>The fields decoded while scanning.</summary>
    public RecordField DecodeNow { get; }

    /// <summary>Notes where a field's value lies, checked but not decoded.</summary>
    public void Defer(RecordField field, int start, int length)
    {
        var value = new DeferredValue(start, length);
        switch (field)
        {
            case RecordField.Compiler: _compiler = value; break;
            case RecordField.OS: _os = value; break;
            case RecordField.Platform: _platform = value; break;
            case RecordField.Target: _target = value; break;
            case RecordField.Versions: _versions = value; break;
            case RecordField.Variants: _variants = value; break;
            case RecordField.Stacks: _stacks = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Only string and list fields are deferred.");
        }
    }

    /// <summary>The raw value of a field that was checked but not decoded; empty when it was decoded (or is absent).</summary>
    public readonly ReadOnlySpan<byte> Deferred(ReadOnlySpan<byte> line, RecordField field)
    {
        var value = field switch
        {
            RecordField.Compiler => _compiler,
            RecordField.OS => _os,
            RecordField.Platform => _platform,
            RecordField.Target => _target,
            RecordField.Versions => _versions,
            RecordField.Variants => _variants,
            _ => _stacks,
        };
        return line.Slice(value.Start, value.Length);
    }

    private readonly struct DeferredValue
    {
        public DeferredValue(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }

        public int Length { get; }
    }
}
