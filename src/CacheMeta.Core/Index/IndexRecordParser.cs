using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Reads one index record (<c>{"spec": {...}, "ref_count": n, "in_buildcache": true}</c>) into an
/// <see cref="IndexRecord"/>. Values that repeat across thousands of records (names, versions, arch
/// objects, compiler objects, whole parameter objects) are looked up by their raw bytes and decoded once.
/// When <c>wantName</c> rules the package out, only the name and version are kept (the version because
/// a database 8 record may be another record's compiler) and the rest of the node is skipped unparsed.
/// One parser per index read: the pools are not thread-safe, and variants render per database version.
/// </summary>
internal sealed class IndexRecordParser
{
    private readonly int _databaseVersion;
    private readonly Utf8Pool<string> _strings = new();
    private readonly Utf8Pool<ArchParts> _arches = new();
    private readonly Utf8Pool<string> _compilers = new();
    private readonly Utf8Pool<IReadOnlyList<string>> _variants = new();
    private readonly Dictionary<string, string> _annotated = new(StringComparer.Ordinal);

    public IndexRecordParser(int databaseVersion) => _databaseVersion = databaseVersion;

    /// <summary>Fills <paramref name="record"/>; returns null on success, else why the record is malformed.</summary>
    public string? Parse(ReadOnlySpan<byte> json, Func<string, bool> wantName, IndexRecord record)
    {
        record.Reset();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the record is not an object";
            }

            bool sawSpec = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("spec"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return "'spec' is not an object";
                    }

                    sawSpec = true;
                    string? problem = ParseNode(ref reader, json, wantName, record);
                    if (problem is not null)
                    {
                        return problem;
                    }
                }
                else if (reader.ValueTextEquals("in_buildcache"u8))
                {
                    reader.Read();
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.True: record.InBuildcache = true; break;
                        case JsonTokenType.False or JsonTokenType.Null: record.InBuildcache = false; break;
                        default: return "'in_buildcache' is not true or false";
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!sawSpec)
            {
                return "the record has no 'spec'";
            }

            if (record.Name is null || record.Version is null)
            {
                return record.Name is null ? "the spec has no 'name'" : "the spec has no 'version'";
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private string? ParseNode(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Func<string, bool> wantName, IndexRecord record)
    {
        bool light = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return "'name' is not a string";
                }

                record.Name = Pooled(ref reader);
                light = !wantName(record.Name);
                continue;
            }

            if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                {
                    return "'version' is not a string";
                }

                record.Version = Pooled(ref reader);
                continue;
            }

            if (light)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            string? problem = null;
            if (reader.ValueTextEquals("arch"u8))
            {
                reader.Read();
                problem = Arch(ref reader, json, record);
            }
            else if (reader.ValueTextEquals("compiler"u8))
            {
                reader.Read();
                problem = NodeCompiler(ref reader, json, record);
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                problem = Parameters(ref reader, json, record);
            }
            else if (reader.ValueTextEquals("dependencies"u8))
            {
                reader.Read();
                problem = Dependencies(ref reader, record);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                problem = Annotations(ref reader, record);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        record.Complete = !light;
        return reader.TokenType == JsonTokenType.EndObject ? null : "'spec' is malformed";
    }

    private string? Arch(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IndexRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'arch' is not an object";
        }

        var raw = Raw(ref reader, json);
        if (_arches.TryGet(raw, out var arch, out int key))
        {
            record.Arch = arch;
            return null;
        }

        var inner = new Utf8JsonReader(raw);
        inner.Read();
        string? platform = null, os = null, target = null;
        while (inner.Read() && inner.TokenType == JsonTokenType.PropertyName)
        {
            string name = inner.GetString()!;
            inner.Read();
            switch (name)
            {
                case "platform": platform = OptionalString(ref inner); break;
                case "platform_os": os = OptionalString(ref inner); break;
                case "target" when inner.TokenType == JsonTokenType.StartObject:
                    target = TargetName(ref inner);
                    break;
                case "target": target = OptionalString(ref inner); break;
                default: inner.Skip(); break;
            }
        }

        arch = new ArchParts(platform, os, target);
        _arches.Add(raw, key, arch);
        record.Arch = arch;
        return null;
    }

    // An archspec target object: {name, vendor, features, generation, parents}; the page shows the name.
    private string? TargetName(ref Utf8JsonReader reader)
    {
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName)
            {
                name = OptionalString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }

    private string? NodeCompiler(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IndexRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'compiler' is not an object";
        }

        var raw = Raw(ref reader, json);
        if (!_compilers.TryGet(raw, out string compiler, out int key))
        {
            var inner = new Utf8JsonReader(raw);
            inner.Read();
            string? name = null, version = null;
            while (inner.Read() && inner.TokenType == JsonTokenType.PropertyName)
            {
                string field = inner.GetString()!;
                inner.Read();
                if (field == "name")
                {
                    name = OptionalString(ref inner);
                }
                else if (field == "version")
                {
                    version = OptionalString(ref inner);
                }
                else
                {
                    inner.Skip();
                }
            }

            if (name is null)
            {
                return "'compiler' has no name";
            }

            compiler = CompilerText.Exact(name, version);
            _compilers.Add(raw, key, compiler);
        }

        record.NodeCompiler = compiler;
        return null;
    }

    private string? Parameters(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IndexRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'parameters' is not an object";
        }

        var raw = Raw(ref reader, json);
        if (!_variants.TryGet(raw, out var variants, out int key))
        {
            var inner = new Utf8JsonReader(raw);
            inner.Read();
            if (!VariantRenderer.TryRender(ref inner, _databaseVersion, out variants))
            {
                return "'parameters' holds a value that is not a boolean, string or list";
            }

            _variants.Add(raw, key, variants);
        }

        record.Variants = variants;
        return null;
    }

    // Dependencies come as {name: {hash, type}} (spec v1), [{name, hash, type}] (v2-v3) or
    // [{name, hash, parameters: {deptypes, virtuals}}] (v4+). Only the last carries virtuals, which is what
    // finds a database 8 compiler; the other shapes are checked and passed over.
    private string? Dependencies(ref Utf8JsonReader reader, IndexRecord record)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                reader.Skip();
                return null;
            case JsonTokenType.StartArray when _databaseVersion < DatabaseVersion.CompilersAsDependencies:
                reader.Skip(); // the node names its compiler itself
                return null;
            case JsonTokenType.StartArray:
                break;
            default:
                return "'dependencies' is not a list or an object";
        }

        int best = int.MaxValue;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? hash = null;
            int rank = int.MaxValue;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("hash"u8))
                {
                    reader.Read();
                    hash = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    rank = CompilerEdgeRank(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (hash is not null && rank < best)
            {
                best = rank;
                record.CompilerHash = hash;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? null : "'dependencies' holds an entry that is not an object";
    }

    // 0 for a build edge providing c, 1 for cxx, 2 for fortran; MaxValue for any other edge.
    private static int CompilerEdgeRank(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return int.MaxValue;
        }

        bool build = false;
        int rank = int.MaxValue;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool deptypes = reader.ValueTextEquals("deptypes"u8), virtuals = reader.ValueTextEquals("virtuals"u8);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray || !(deptypes || virtuals))
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }

                if (deptypes && reader.ValueTextEquals("build"u8))
                {
                    build = true;
                }
                else if (virtuals)
                {
                    int language = reader.ValueTextEquals("c"u8) ? 0 : reader.ValueTextEquals("cxx"u8) ? 1 : reader.ValueTextEquals("fortran"u8) ? 2 : int.MaxValue;
                    rank = Math.Min(rank, language);
                }
            }
        }

        return build ? rank : int.MaxValue;
    }

    private string? Annotations(ref Utf8JsonReader reader, IndexRecord record)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool compiler = reader.ValueTextEquals("compiler"u8);
            reader.Read();
            if (compiler && reader.TokenType == JsonTokenType.String)
            {
                string written = Pooled(ref reader);
                if (!_annotated.TryGetValue(written, out string? shown))
                {
                    if (_annotated.Count >= 4096)
                    {
                        _annotated.Clear(); // endless distinct values are not the data this memo is for
                    }

                    shown = CompilerText.ExactFromSpec(written);
                    _annotated[written] = shown;
                }

                record.AnnotatedCompiler = shown;
            }
            else
            {
                reader.Skip();
            }
        }

        return null;
    }

    private string? OptionalString(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.Number:
                return Pooled(ref reader);
            default:
                reader.Skip();
                return null;
        }
    }

    private string Pooled(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
        }

        var raw = reader.ValueSpan;
        if (_strings.TryGet(raw, out string value, out int key))
        {
            return value;
        }

        value = Encoding.UTF8.GetString(raw.ToArray());
        _strings.Add(raw, key, value);
        return value;
    }

    // The raw bytes of the object or array the reader is on; the reader ends on its closing token.
    private static ReadOnlySpan<byte> Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json.Slice(start, (int)reader.BytesConsumed - start);
    }
}
