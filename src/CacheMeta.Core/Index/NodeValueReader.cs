using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Reads the values of a spec node that repeat across thousands of records (strings, <c>arch</c>,
/// <c>compiler</c>, <c>parameters</c>, <c>annotations</c>), each decoded once per distinct raw bytes and
/// shared afterwards, so a record whose values were all seen before allocates nothing for them.
/// Not thread-safe: one per index read.
/// </summary>
internal sealed class NodeValueReader
{
    private readonly int _databaseVersion;
    private readonly Utf8Pool<string> _strings = new();
    private readonly Utf8Pool<ArchParts> _arches = new();
    private readonly Utf8Pool<string> _compilers = new();
    private readonly Utf8Pool<IReadOnlyList<string>> _variants = new();
    private readonly Utf8Pool<VariantRenderer.Member> _variantMembers = new();
    private readonly Utf8Pool<string> _annotated = new();
    private readonly Decoder<ArchParts> _decodeArch;
    private readonly Decoder<string> _decodeCompiler, _decodeAnnotations;
    private readonly Decoder<IReadOnlyList<string>> _decodeVariants;

    public NodeValueReader(int databaseVersion)
    {
        _databaseVersion = databaseVersion;
        _decodeArch = DecodeArch;
        _decodeCompiler = DecodeCompiler;
        _decodeAnnotations = DecodeAnnotations;
        _decodeVariants = DecodeVariants;
    }

    // Turns an object's raw bytes into a shared value; returns null, or why the object is malformed.
    private delegate string? Decoder<T>(ReadOnlySpan<byte> raw, out T value);

    /// <summary><c>arch</c> from the bytes of its object, which are JSON (the cut checked them).</summary>
    public string? Arch(ReadOnlySpan<byte> raw, out ArchParts? arch) => Shared(raw, _arches, _decodeArch, out arch);

    /// <summary><c>parameters</c> from the bytes of its object, which are JSON (the cut checked them).</summary>
    public string? Variants(ReadOnlySpan<byte> raw, out IReadOnlyList<string>? variants) =>
        Shared(raw, _variants, _decodeVariants, out variants);

    /// <summary><c>arch</c>: platform, OS and target (a string, or an archspec object whose name counts).</summary>
    public string? Arch(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out ArchParts? arch) =>
        Shared(ref reader, json, "arch", _arches, _decodeArch, out arch);

    /// <summary>The node's own <c>compiler</c> (database 7 and older) as <c>name@=version</c>.</summary>
    public string? Compiler(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out string? compiler) =>
        Shared(ref reader, json, "compiler", _compilers, _decodeCompiler, out compiler);

    /// <summary><c>parameters</c> as the variants the pages list.</summary>
    public string? Variants(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out IReadOnlyList<string>? variants) =>
        Shared(ref reader, json, "parameters", _variants, _decodeVariants, out variants);

    /// <summary><c>annotations.compiler</c> as <c>name@=version</c>; null when the node has none.</summary>
    public string? AnnotatedCompiler(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out string? compiler)
    {
        string? problem = Shared(ref reader, json, "annotations", _annotated, _decodeAnnotations, out compiler);
        compiler = compiler is { Length: > 0 } ? compiler : null;
        return problem;
    }

    // An object value (or null) decoded once per distinct bytes.
    private static string? Shared<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string field, Utf8Pool<T> pool,
        Decoder<T> decode, out T? value)
        where T : class
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"'{field}' is not an object";
        }

        return Shared(Raw(ref reader, json), pool, decode, out value);
    }

    // An object's raw bytes decoded once per distinct bytes.
    private static string? Shared<T>(ReadOnlySpan<byte> raw, Utf8Pool<T> pool, Decoder<T> decode, out T? value)
        where T : class
    {
        value = null;
        if (pool.TryGet(raw, out var known, out int key))
        {
            value = known;
            return null;
        }

        string? problem = decode(raw, out var decoded);
        if (problem is null)
        {
            pool.Add(raw, key, decoded);
            value = decoded;
        }

        return problem;
    }

    private string? DecodeArch(ReadOnlySpan<byte> raw, out ArchParts arch)
    {
        var reader = Open(raw);
        string? platform = null, os = null, target = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "platform": platform = OptionalString(ref reader); break;
                case "platform_os": os = OptionalString(ref reader); break;
                case "target" when reader.TokenType == JsonTokenType.StartObject: target = TargetName(ref reader); break;
                case "target": target = OptionalString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        arch = new ArchParts(platform, os, target);
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

    private string? DecodeCompiler(ReadOnlySpan<byte> raw, out string compiler)
    {
        var reader = Open(raw);
        string? name = null, version = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isName = reader.ValueTextEquals("name"u8), isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            if (isName)
            {
                name = OptionalString(ref reader);
            }
            else if (isVersion)
            {
                version = OptionalString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        compiler = name is null ? string.Empty : CompilerText.Exact(name, version);
        return name is null ? "'compiler' has no name" : null;
    }

    private string? DecodeVariants(ReadOnlySpan<byte> raw, out IReadOnlyList<string> variants)
    {
        var reader = Open(raw);
        return VariantRenderer.TryRender(ref reader, raw, _databaseVersion, _variantMembers, out variants)
            ? null
            : "'parameters' holds a value that is not a boolean, string or list";
    }

    // "" when there is none: pooled values cannot be null.
    private string? DecodeAnnotations(ReadOnlySpan<byte> raw, out string compiler)
    {
        var reader = Open(raw);
        compiler = string.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isCompiler = reader.ValueTextEquals("compiler"u8);
            reader.Read();
            if (isCompiler && reader.TokenType == JsonTokenType.String)
            {
                compiler = CompilerText.ExactFromSpec(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }

        return null;
    }

    private static Utf8JsonReader Open(ReadOnlySpan<byte> raw)
    {
        var reader = new Utf8JsonReader(raw);
        reader.Read(); // the object's opening brace
        return reader;
    }

    /// <summary>A string or number token as a shared string; null (and skipped) for anything else.</summary>
    public string? OptionalString(ref Utf8JsonReader reader)
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

    /// <summary>A string or number token as a shared string.</summary>
    public string Pooled(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.TokenType == JsonTokenType.String ? reader.GetString()! : Decode(reader.ValueSpan);
        }

        return Pooled(reader.ValueSpan);
    }

    /// <summary>As <see cref="Pooled(ReadOnlySpan{byte})"/>; false when the bytes are not UTF-8.</summary>
    public bool TryPooled(ReadOnlySpan<byte> raw, out string value)
    {
        try
        {
            value = Pooled(raw);
            return true;
        }
        catch (JsonException)
        {
            value = string.Empty;
            return false;
        }
    }

    /// <summary>The unescaped bytes of a string token as a shared string.</summary>
    public string Pooled(ReadOnlySpan<byte> raw)
    {
        if (_strings.TryGet(raw, out string value, out int key))
        {
            return value;
        }

        value = Decode(raw);
        _strings.Add(raw, key, value);
        return value;
    }

    // Strict UTF-8: a value that is not text makes its record malformed (skipped with a warning), rather
    // than turning silently into replacement characters.
    private static string Decode(ReadOnlySpan<byte> raw)
    {
        try
        {
            return StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw new JsonException("A value is not valid UTF-8.");
        }
    }

    // The raw bytes of the object or array the reader is on; the reader ends on its closing token.
    private static ReadOnlySpan<byte> Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json.Slice(start, (int)reader.BytesConsumed - start);
    }
}
