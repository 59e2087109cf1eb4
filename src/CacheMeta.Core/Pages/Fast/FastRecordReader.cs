using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;
using System.Collections.Generic;
using CacheMeta.Query;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// Reads a page's <c>spec_details</c> JSON array record by record. Each record's values are read as shared
/// instances, checked against the query, and only a matching record becomes a <see cref="CacheSpec"/>:
/// a query that selects 5% of the specs allocates for 5% of them. False sends the page to the YAML reading.
/// </summary>
internal sealed class FastRecordReader
{
    private readonly FastJsonReader _json;
    private readonly SpecFactory _factory;
    private readonly QueryMemo _memo;

    public FastRecordReader(FastJsonReader json, SpecFactory factory, QueryMemo memo)
    {
        _json = json;
        _factory = factory;
        _memo = memo;
    }

    /// <summary>The query's memo of this worker (and its census tally).</summary>
    public QueryMemo Memo => _memo;

    [MethodImpl(Jit.Optimized)]
    public bool TryRead(ReadOnlySpan<byte> line, string package, string? tag, string path, CompiledQuery query,
        bool packageOnly, List<CacheSpec> specs, out int entries)
    {
        entries = 0;
        var scanner = new JsonScanner(line);
        if (!scanner.Take((byte)'['))
        {
            return false;
        }

        if (scanner.Take((byte)']'))
        {
            return scanner.AtEnd();
        }

        while (true)
        {
            entries++;
            if (!TryRecord(ref scanner, package, tag, path, query, packageOnly, specs))
            {
                return false;
            }

            if (!scanner.NextItem((byte)']', out bool more))
            {
                return more && scanner.Take((byte)']') && scanner.AtEnd();
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private bool TryRecord(ref JsonScanner scanner, string package, string? tag, string path, CompiledQuery query,
        bool packageOnly, List<CacheSpec> specs)
    {
        var record = new ScannedRecord();
        if (!TryScan(ref scanner, ref record))
        {
            return false;
        }

        var line = scanner.Text;
        var hash = line.Slice(record.HashStart, record.HashLength);
        if (packageOnly || !query.MatchesHash(hash)
            || !query.MatchesRecord(_memo, package, hash, record.Compiler, record.OS, record.Platform, record.Target,
                _factory.FamilyOf(record.Target), record.Versions, record.Variants, record.Stacks))
        {
            return true;
        }

        string? tarball = record.TarballStart < 0 ? null : Ascii.Decode(line.Slice(record.TarballStart, record.TarballLength));
        specs.Add(_factory.Create(package, tag, Ascii.Decode(hash), record.Versions, record.Compiler, record.OS, record.Platform,
            record.Target, record.Variants, record.Stacks, record.Size, tarball, path));
        return true;
    }

    // Reads one record object, every value decoded as a shared instance (decoding only what the query tests, and the
    // rest for matching records, measured no faster: shared values cost a lookup, not an allocation).
    [MethodImpl(Jit.Optimized)]
    private bool TryScan(ref JsonScanner scanner, ref ScannedRecord record)
    {
        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        var seen = RecordField.None;
        List<string>? unknown = null;
        if (scanner.Take((byte)'}'))
        {
            return false; // no hash
        }

        while (true)
        {
            if (!scanner.TryKey(out var key))
            {
                return false;
            }

            var field = FieldOf(key);
            if ((seen & field) != 0 || (field == RecordField.None && !_json.FirstUnknownKey(key, ref unknown)))
            {
                return false; // a repeated key: the YAML reading rejects it and says where
            }

            seen |= field;
            if (!TryField(ref scanner, field, ref record))
            {
                return false;
            }

            if (!scanner.NextItem((byte)'}', out bool ok))
            {
                return ok && scanner.Take((byte)'}') && record.HashStart >= 0;
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private bool TryField(ref JsonScanner scanner, RecordField field, ref ScannedRecord record)
    {
        switch (field)
        {
            case RecordField.Hash:
                // The hash is unique per record: keep its position and decode it only if the record matches.
                bool isHash = scanner.TryString(out var hash, out record.HashStart) && !FastJsonReader.TooLong(hash);
                record.HashLength = hash.Length;
                return isHash;
            case RecordField.Compiler: return _json.TryOptionalString(ref scanner, out record.Compiler);
            case RecordField.OS: return _json.TryOptionalString(ref scanner, out record.OS);
            case RecordField.Platform: return _json.TryOptionalString(ref scanner, out record.Platform);
            case RecordField.Target: return _json.TryOptionalString(ref scanner, out record.Target);
            case RecordField.Versions: return _json.TryStringList(ref scanner, out record.Versions);
            case RecordField.Variants: return _json.TryStringList(ref scanner, out record.Variants);
            case RecordField.Stacks: return _json.TryStringList(ref scanner, out record.Stacks);
            case RecordField.Size: return TrySize(ref scanner, out record.Size);
            case RecordField.Tarball:
                record.TarballStart = -1;
                if (scanner.TryNull())
                {
                    return true;
                }

                bool isTarball = scanner.TryString(out var tarball, out record.TarballStart) && !FastJsonReader.TooLong(tarball);
                record.TarballLength = tarball.Length;
                return isTarball;
            default:
                return scanner.TrySkipValue();
        }
    }

    // The record keys by length and a distinguishing byte, then confirmed: ten names, one comparison each.
    [MethodImpl(Jit.Optimized)]
    private static RecordField FieldOf(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 2: return name.SequenceEqual("os"u8) ? RecordField.OS : RecordField.None;
            case 4: return name.SequenceEqual("hash"u8) ? RecordField.Hash : name.SequenceEqual("size"u8) ? RecordField.Size : RecordField.None;
            case 6: return name.SequenceEqual("target"u8) ? RecordField.Target : name.SequenceEqual("stacks"u8) ? RecordField.Stacks : RecordField.None;
            case 7: return name.SequenceEqual("tarball"u8) ? RecordField.Tarball : RecordField.None;
            case 8:
                return name[0] switch
                {
                    (byte)'c' => name.SequenceEqual("compiler"u8) ? RecordField.Compiler : RecordField.None,
                    (byte)'p' => name.SequenceEqual("platform"u8) ? RecordField.Platform : RecordField.None,
                    _ => name.SequenceEqual("versions"u8) ? RecordField.Versions
                        : name.SequenceEqual("variants"u8) ? RecordField.Variants : RecordField.None,
                };
            default: return RecordField.None;
        }
    }

    // "-" means unknown; otherwise a whole number of bytes.
    private static bool TrySize(ref JsonScanner scanner, out long? size)
    {
        size = null;
        if (scanner.TryNull())
        {
            return true;
        }

        if (scanner.TryString(out var text, out _))
        {
            return text.Length == 1 && text[0] == (byte)'-';
        }

        if (scanner.TryInteger(out long n) && n >= 0)
        {
            size = n;
            return true;
        }

        return false;
    }
}
