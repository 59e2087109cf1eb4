using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
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

    [MethodImpl(Jit.Optimized)]
    public bool TryRead(ReadOnlySpan<byte> line, string package, string? tag, string path, CompiledQuery query,
        bool packageOnly, List<CacheSpec> specs, out int entries)
    {
        entries = 0;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            entries++;
            if (!TryRecord(ref reader, line, package, tag, path, query, packageOnly, specs))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray && !reader.Read();
    }

    [MethodImpl(Jit.Optimized)]
    private bool TryRecord(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, string package, string? tag, string path,
        CompiledQuery query, bool packageOnly, List<CacheSpec> specs)
    {
        int seen = 0;
        List<string>? unknown = null;
        string? compiler = null, os = null, platform = null, target = null;
        IReadOnlyList<string> versions = Array.Empty<string>(), variants = versions, stacks = versions;
        long? size = null;
        int hashStart = -1, hashLength = 0, tarballStart = -1, tarballLength = 0;
        string? escapedTarball = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = reader.ValueIsEscaped ? -2 : FieldOf(reader.ValueSpan);
            if (field == -2 || (field >= 0 && (seen & (1 << field)) != 0)
                || (field == -1 && !FastJsonReader.FirstUnknownKey(ref reader, ref unknown)))
            {
                return false;
            }

            if (field >= 0)
            {
                seen |= 1 << field;
            }

            reader.Read();
            bool ok;
            switch (field)
            {
                case Hash:
                    // The hash is unique per record: keep its position and decode it only if the record matches.
                    ok = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !FastJsonReader.TooLong(ref reader);
                    hashStart = (int)reader.TokenStartIndex + 1;
                    hashLength = reader.ValueSpan.Length;
                    break;
                case Compiler: ok = _json.TryOptionalString(ref reader, out compiler); break;
                case Os: ok = _json.TryOptionalString(ref reader, out os); break;
                case Platform: ok = _json.TryOptionalString(ref reader, out platform); break;
                case Target: ok = _json.TryOptionalString(ref reader, out target); break;
                case Versions: ok = _json.TryStringList(ref reader, line, out versions); break;
                case Variants: ok = _json.TryStringList(ref reader, line, out variants); break;
                case Stacks: ok = _json.TryStringList(ref reader, line, out stacks); break;
                case Size: ok = TrySize(ref reader, out size); break;
                case Tarball:
                    ok = reader.TokenType is JsonTokenType.Null
                        || (reader.TokenType is JsonTokenType.String && !FastJsonReader.TooLong(ref reader));
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (reader.ValueIsEscaped)
                        {
                            escapedTarball = reader.GetString();
                        }

                        tarballStart = (int)reader.TokenStartIndex + 1;
                        tarballLength = reader.ValueSpan.Length;
                    }

                    break;
                default:
                    ok = reader.TrySkip();
                    break;
            }

            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || hashStart < 0)
        {
            return false;
        }

        var hashBytes = line.Slice(hashStart, hashLength);
        if (packageOnly || !query.MatchesHash(hashBytes)
            || !query.MatchesRecord(_memo, package, hashBytes, compiler, os, platform, target, _factory.FamilyOf(target), versions, variants, stacks))
        {
            return true;
        }

        string hash = Ascii(hashBytes);
        string? tarball = escapedTarball ?? (tarballStart < 0 ? null : Ascii(line.Slice(tarballStart, tarballLength)));
        specs.Add(_factory.Create(package, tag, hash, versions, compiler, os, platform, target, variants, stacks,
            size, tarball, path));
        return true;
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
    [MethodImpl(Jit.Optimized)]
    private static bool TrySize(ref Utf8JsonReader reader, out long? size)
    {
        size = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                return !reader.ValueIsEscaped && reader.ValueSpan.Length == 1 && reader.ValueSpan[0] == (byte)'-';
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long n) && n >= 0 && FastMetaReader.IsPlainInteger(ref reader))
                {
                    size = n;
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    // The fast path only accepts printable ASCII lines, so unescaped values decode byte for char.
    private static string Ascii(ReadOnlySpan<byte> bytes)
    {
#if NETSTANDARD2_0
        var chars = new char[bytes.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return new string(chars);
#else
        return Encoding.ASCII.GetString(bytes);
#endif
    }
}
