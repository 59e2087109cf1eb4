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
    private const int Hash = 0, Compiler = 1, Versions = 2, Os = 3, Platform = 4, Target = 5, Variants = 6,
        Stacks = 7, Size = 8, Tarball = 9;

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
        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        int seen = 0;
        List<string>? unknown = null;
        string? compiler = null, os = null, platform = null, target = null;
        IReadOnlyList<string> versions = ValueList.None, variants = versions, stacks = versions;
        long? size = null;
        int hashStart = -1, hashLength = 0, tarballStart = -1, tarballLength = 0;
        var line = scanner.Text;
        int decodeNow = packageOnly ? 0 : query.RecordFieldsRead;
        Span<int> deferred = stackalloc int[14]; // start and length of each skipped value, by field bit
        deferred.Clear();

        if (!scanner.Take((byte)'}'))
        {
            while (true)
            {
                if (!scanner.TryKey(out var key))
                {
                    return false;
                }

                int field = FieldOf(key);
                if ((field >= 0 && (seen & (1 << field)) != 0) || (field < 0 && !_json.FirstUnknownKey(key, ref unknown)))
                {
                    return false; // a repeated key: the YAML reading rejects it and says where
                }

                seen |= field >= 0 ? 1 << field : 0;
                bool ok;
                switch (field)
                {
                    case Hash:
                        // The hash is unique per record: keep its position and decode it only if the record matches.
                        ok = scanner.TryString(out var hash, out hashStart) && !FastJsonReader.TooLong(hash);
                        hashLength = hash.Length;
                        break;
                    case Compiler or Os or Platform or Target or Versions or Variants or Stacks when (decodeNow & Bit(field)) == 0:
                        // Not read by the query: check it now (the YAML reading would reject a wrong type), decode it
                        // only if the record matches.
                        scanner.Peek();
                        int start = scanner.Position;
                        ok = field is Versions or Variants or Stacks
                            ? FastJsonReader.TrySkipStringList(ref scanner)
                            : FastJsonReader.TrySkipOptionalString(ref scanner);
                        deferred[2 * Slot(field)] = start;
                        deferred[(2 * Slot(field)) + 1] = scanner.Position - start;
                        break;
                    case Compiler: ok = _json.TryOptionalString(ref scanner, out compiler); break;
                    case Os: ok = _json.TryOptionalString(ref scanner, out os); break;
                    case Platform: ok = _json.TryOptionalString(ref scanner, out platform); break;
                    case Target: ok = _json.TryOptionalString(ref scanner, out target); break;
                    case Versions: ok = _json.TryStringList(ref scanner, out versions); break;
                    case Variants: ok = _json.TryStringList(ref scanner, out variants); break;
                    case Stacks: ok = _json.TryStringList(ref scanner, out stacks); break;
                    case Size: ok = TrySize(ref scanner, out size); break;
                    case Tarball:
                        tarballStart = -1;
                        ok = scanner.TryNull()
                            || (scanner.TryString(out var tarball, out tarballStart) && !FastJsonReader.TooLong(tarball)
                                && (tarballLength = tarball.Length) >= 0);
                        break;
                    default:
                        ok = scanner.TrySkipValue();
                        break;
                }

                if (!ok)
                {
                    return false;
                }

                if (!scanner.NextItem((byte)'}', out bool more))
                {
                    if (!more || !scanner.Take((byte)'}'))
                    {
                        return false;
                    }

                    break;
                }
            }
        }

        if (hashStart < 0)
        {
            return false;
        }

        if (packageOnly || !query.MatchesHash(line.Slice(hashStart, hashLength))
            || !query.MatchesRecord(_memo, package, line.Slice(hashStart, hashLength), compiler, os, platform, target,
                _factory.FamilyOf(target), versions, variants, stacks))
        {
            return true;
        }

        // The record matches: decode what was only checked.
        compiler = Text(Deferred(line, deferred, Compiler), compiler);
        os = Text(Deferred(line, deferred, Os), os);
        platform = Text(Deferred(line, deferred, Platform), platform);
        target = Text(Deferred(line, deferred, Target), target);
        versions = List(Deferred(line, deferred, Versions), versions);
        variants = List(Deferred(line, deferred, Variants), variants);
        stacks = List(Deferred(line, deferred, Stacks), stacks);

        string hashText = Ascii.Decode(line.Slice(hashStart, hashLength));
        string? tarballText = tarballStart < 0 ? null : Ascii.Decode(line.Slice(tarballStart, tarballLength));
        specs.Add(_factory.Create(package, tag, hashText, versions, compiler, os, platform, target, variants, stacks,
            size, tarballText, path));
        return true;
    }

    // The bit of a field in CompiledQuery.RecordFieldsRead, and its slot in the deferred spans.
    private static int Slot(int field) => field switch
    {
        Compiler => 0, Os => 1, Platform => 2, Target => 3, Versions => 4, Variants => 5, _ => 6,
    };

    private static int Bit(int field) => 1 << Slot(field);

    // The raw value of a field that was checked but not decoded; empty when it was decoded (or absent).
    private static ReadOnlySpan<byte> Deferred(ReadOnlySpan<byte> line, Span<int> deferred, int field) =>
        line.Slice(deferred[2 * Slot(field)], deferred[(2 * Slot(field)) + 1]);

    private string? Text(ReadOnlySpan<byte> raw, string? decoded)
    {
        if (raw.IsEmpty)
        {
            return decoded;
        }

        var scanner = new JsonScanner(raw);
        _json.TryOptionalString(ref scanner, out string? value);
        return value;
    }

    private IReadOnlyList<string> List(ReadOnlySpan<byte> raw, IReadOnlyList<string> decoded)
    {
        if (raw.IsEmpty)
        {
            return decoded;
        }

        var scanner = new JsonScanner(raw);
        _json.TryStringList(ref scanner, out var list);
        return list;
    }

    // The record keys by length and a distinguishing byte, then confirmed: ten names, one comparison each.
    [MethodImpl(Jit.Optimized)]
    private static int FieldOf(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 2: return name.SequenceEqual("os"u8) ? Os : -1;
            case 4: return name.SequenceEqual("hash"u8) ? Hash : name.SequenceEqual("size"u8) ? Size : -1;
            case 6: return name.SequenceEqual("target"u8) ? Target : name.SequenceEqual("stacks"u8) ? Stacks : -1;
            case 7: return name.SequenceEqual("tarball"u8) ? Tarball : -1;
            case 8:
                return name[0] switch
                {
                    (byte)'c' => name.SequenceEqual("compiler"u8) ? Compiler : -1,
                    (byte)'p' => name.SequenceEqual("platform"u8) ? Platform : -1,
                    _ => name.SequenceEqual("versions"u8) ? Versions : name.SequenceEqual("variants"u8) ? Variants : -1,
                };
            default: return -1;
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
