using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Reads one index record (<c>{"spec": {...}, "ref_count": n, "in_buildcache": true}</c>) into an
/// <see cref="IndexRecord"/>. Values that repeat across thousands of records (names, versions, arch
/// objects, compiler objects, whole parameter objects) are decoded once by a <see cref="NodeValueReader"/>.
/// When <c>wantName</c> rules the package out, only the name and version are kept (the version because
/// a database 8 record may be another record's compiler) and the rest of the node is skipped unparsed; a parser
/// made for a graph (<c>everyEdge</c>) also reads such a record's dependencies and <c>external</c>, since a graph
/// needs every record's edges. Given the cut's notes, the arch and parameters objects are taken as the bytes the cut
/// checked, and the reader moved past them (<see cref="JsonReaderFastForward"/>), instead of tokenising them to find
/// where they end. One parser per index read: the pools are not thread-safe, and variants render per
/// database version.
/// </summary>
internal sealed class IndexRecordParser
{
    private readonly int _databaseVersion;
    private readonly bool _everyEdge;
    private readonly NodeValueReader _values;
    private readonly DependencyReader _dependencies;
    private readonly JsonReaderFastForward _fastForward = new();

    /// <param name="databaseVersion">The index's database version (variants and compilers read by it).</param>
    /// <param name="everyEdge">True for a graph: records the query rules out still read their edges.</param>
    /// <param name="scanEdges">False to tokenise every dependency list (the tests compare both readings).</param>
    public IndexRecordParser(int databaseVersion, bool everyEdge = false, bool scanEdges = true)
    {
        _databaseVersion = databaseVersion;
        _everyEdge = everyEdge;
        _values = new NodeValueReader(databaseVersion);
        _dependencies = new DependencyReader(_values, keepAll: everyEdge, scanEdges, _fastForward);
    }

    /// <summary>How many <c>arch</c> and <c>parameters</c> objects were taken from the bytes the cut noted (for tests).</summary>
    public int NotedObjects { get; private set; }

    /// <summary>How many dependency lists were read from their bytes (<see cref="EdgeListScanner"/>).</summary>
    public int ScannedEdgeLists => _dependencies.ScannedLists;

    /// <summary>The names of a read that wants every record whole (this instance: the parser then skips the quick reading).</summary>
    public static readonly Func<string, bool> EveryName = _ => true;

    /// <summary>The shared instance of a record's key, the same string its dependents' edges hold.</summary>
    public string SharedHash(string hash) => _dependencies.Hash(hash);

    /// <summary>
    /// As <see cref="Parse(ReadOnlySpan{byte}, Func{string, bool}, IndexRecord)"/>, given what the cut noted of the
    /// record: one whose name the query rules out is read from the noted name and version alone, without another pass
    /// over its bytes (the cut has checked they are JSON). Anything the shape does not settle reads the whole record.
    /// </summary>
    public string? Parse(ReadOnlySpan<byte> json, in RecordShape shape, Func<string, bool> wantName, IndexRecord record)
    {
        // A read that wants every name reads every record whole: the quick reading's name and version would be pooled
        // only to be pooled again.
        if (ReferenceEquals(wantName, EveryName) || !TryQuick(json, shape, out string name, out string version) || wantName(name))
        {
            return ParseWhole(json, wantName, record, shape);
        }

        record.Reset();
        record.Name = name;
        record.Version = version;
        record.InBuildcache = shape.InBuildcache;
        return null;
    }

    /// <summary>
    /// The name and version the quick reading takes from the cut's notes, when it can: the record then reads as these
    /// alone for a query that rules the name out, and as the whole reading for any other. The index snapshot keeps both.
    /// </summary>
    public bool TryQuick(ReadOnlySpan<byte> json, in RecordShape shape, out string name, out string version)
    {
        name = version = string.Empty;
        if (_everyEdge || shape.Unusual || shape.Specs != 1 || shape.NameEnd == 0 || shape.VersionEnd == 0)
        {
            return false;
        }

        var rawName = json.Slice(shape.NameStart + 1, shape.NameEnd - shape.NameStart - 2);
        var rawVersion = json.Slice(shape.VersionStart, shape.VersionEnd - shape.VersionStart);
        if (rawVersion[0] == (byte)'"')
        {
            rawVersion = rawVersion.Slice(1, rawVersion.Length - 2);
        }

        // Escapes, and text that is not UTF-8 (the whole reading says so), go to the whole reading.
        return rawName.IndexOf((byte)'\\') < 0 && rawVersion.IndexOf((byte)'\\') < 0 && _values.TryPooled(rawName, out name)
            && _values.TryPooled(rawVersion, out version);
    }

    /// <summary>Fills <paramref name="record"/>; returns null on success, else why the record is malformed.</summary>
    public string? Parse(ReadOnlySpan<byte> json, Func<string, bool> wantName, IndexRecord record) =>
        ParseWhole(json, wantName, record, default);

    /// <summary>
    /// The whole reading (no quick reading of a name ruled out), taking the <c>arch</c> and <c>parameters</c> objects
    /// the cut noted in <paramref name="shape"/> as their bytes, without tokenising them.
    /// </summary>
    public string? ParseWhole(ReadOnlySpan<byte> json, Func<string, bool> wantName, IndexRecord record, in RecordShape shape)
    {
        record.Reset();
        var whole = json;
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
                    string? problem = ParseNode(ref reader, ref json, whole, shape, wantName, record);
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
        catch (InvalidOperationException ex)
        {
            return ex.Message; // a string that is not valid UTF-8 (System.Text.Json checks only when decoding; found by fuzzing)
        }
    }

    // json moves on with the reader when it is rebuilt past a value read from its bytes (offsets stay offsets into json);
    // whole is the record, where the shape's offsets point.
    private string? ParseNode(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, ReadOnlySpan<byte> whole, in RecordShape shape,
        Func<string, bool> wantName, IndexRecord record)
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

                record.Name = _values.Pooled(ref reader);
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

                record.Version = _values.Pooled(ref reader);
                continue;
            }

            if (light && !_everyEdge)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            string? problem = null;
            if (reader.ValueTextEquals("dependencies"u8))
            {
                reader.Read();
                problem = _dependencies.Read(ref reader, ref json, out var edges);
                record.Dependencies = edges;
                record.CompilerHash = _databaseVersion >= DatabaseVersion.CompilersAsDependencies ? CompilerText.CompilerHash(edges) : null;
            }
            else if (reader.ValueTextEquals("external"u8))
            {
                reader.Read();
                record.External = reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else if (light)
            {
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("arch"u8))
            {
                reader.Read();
                ArchParts? arch;
                problem = TakeNoted(ref reader, ref json, whole, shape.ArchStart, shape.ArchEnd, out var raw)
                    ? _values.Arch(raw, out arch)
                    : _values.Arch(ref reader, json, out arch);
                record.Arch = arch ?? ArchParts.None;
            }
            else if (reader.ValueTextEquals("compiler"u8))
            {
                reader.Read();
                problem = _values.Compiler(ref reader, json, out var compiler);
                record.NodeCompiler = compiler;
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                IReadOnlyList<string>? variants;
                problem = TakeNoted(ref reader, ref json, whole, shape.ParametersStart, shape.ParametersEnd, out var raw)
                    ? _values.Variants(raw, out variants)
                    : _values.Variants(ref reader, json, out variants);
                record.Variants = variants ?? Array.Empty<string>();
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                problem = _values.AnnotatedCompiler(ref reader, json, out var annotated);
                record.AnnotatedCompiler = annotated;
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

    // When the object the reader is on is the one the cut noted (start and end into the whole record), its bytes, and the
    // reader moved past it; else false, and the value is read token by token. Only bytes with no line break qualify: the
    // reader counts lines.
    private bool TakeNoted(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, ReadOnlySpan<byte> whole, int start, int end,
        out ReadOnlySpan<byte> raw)
    {
        raw = default;
        if (end == 0 || reader.TokenType != JsonTokenType.StartObject || whole.Length - json.Length + (int)reader.TokenStartIndex != start
            || whole.Slice(start, end - start).IndexOf((byte)'\n') >= 0)
        {
            return false;
        }

        raw = whole.Slice(start, end - start);
        _fastForward.PastObject(ref reader, ref json, end - (whole.Length - json.Length));
        NotedObjects++;
        return true;
    }
}
