using System;
using System.Runtime.CompilerServices;
using CacheMeta.Text;
using System.Collections.Generic;
using System.Text.Json;

namespace CacheMeta.Pages.Fast;

/// <summary>The <c>meta</c> values of a page, as the fast path reads them.</summary>
internal sealed class FastMeta
{
    public IReadOnlyList<string> Compilers = Array.Empty<string>();
    public IReadOnlyList<string> Oss = Array.Empty<string>();
    public IReadOnlyList<string> Platforms = Array.Empty<string>();
    public IReadOnlyList<string> Targets = Array.Empty<string>();
    public IReadOnlyList<string> Versions = Array.Empty<string>();
    public IReadOnlyList<string> Stacks = Array.Empty<string>();
    public int? NumSpecs;
    public StackCounts NumSpecsByStack = StackCounts.Empty;
}

/// <summary>Reads a page's <c>meta</c> JSON object; false sends the page to the YAML reading.</summary>
internal static class FastMetaReader
{
    [MethodImpl(Jit.Optimized)]
    public static bool TryRead(FastJsonReader json, ReadOnlySpan<byte> line, out FastMeta meta)
    {
        meta = new FastMeta();
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        int seen = 0;
        List<string>? unknown = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = FastJsonReader.FieldCode(ref reader, "compilers"u8, "oss"u8, "platforms"u8, "targets"u8,
                "versions"u8, "stacks"u8, "num_specs"u8, "num_specs_by_stack"u8, default, default);
            if (field == -2 || (field >= 0 && (seen & (1 << field)) != 0)
                || (field == -1 && !FastJsonReader.FirstUnknownKey(ref reader, ref unknown)))
            {
                return false; // escaped or repeated key: let the reference reading decide
            }

            if (field >= 0)
            {
                seen |= 1 << field;
            }

            reader.Read();
            bool ok = field switch
            {
                0 => json.TryStringList(ref reader, line, out meta.Compilers),
                1 => json.TryStringList(ref reader, line, out meta.Oss),
                2 => json.TryStringList(ref reader, line, out meta.Platforms),
                3 => json.TryStringList(ref reader, line, out meta.Targets),
                4 => json.TryStringList(ref reader, line, out meta.Versions),
                5 => json.TryStringList(ref reader, line, out meta.Stacks),
                6 => TryCount(ref reader, out meta.NumSpecs),
                7 => TryStackCounts(json, ref reader, out meta.NumSpecsByStack),
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
    }

    private static bool TryCount(ref Utf8JsonReader reader, out int? count)
    {
        count = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n) && IsPlainInteger(ref reader))
        {
            count = n;
            return true;
        }

        return false;
    }

    private static bool TryStackCounts(FastJsonReader json, ref Utf8JsonReader reader, out StackCounts counts)
    {
        counts = StackCounts.Empty;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var entries = new List<KeyValuePair<string, int>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = json.PooledString(ref reader);
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int n) || !IsPlainInteger(ref reader))
            {
                return false;
            }

            entries.Add(new KeyValuePair<string, int>(name, n));
        }

        // StackCounts rejects a repeated stack, and stack names differing only in case, which are distinct keys
        // to YAML but one to StackCounts' lookups: both go to the YAML reading, which reports them.
        try
        {
            counts = new StackCounts(entries);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return true;
    }

    // YAML reads "61" as an integer but "61.0" or "6.1e1" as a float; only the first is a count.
    internal static bool IsPlainInteger(ref Utf8JsonReader reader)
    {
        foreach (byte b in reader.ValueSpan)
        {
            if (b == '.' || b == 'e' || b == 'E')
            {
                return false;
            }
        }

        return true;
    }
}
