using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

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

/// <summary>Reads a page's <c>meta</c> object; false sends the page to the YAML reading.</summary>
internal static class FastMetaReader
{
    private const int Compilers = 0, Oss = 1, Platforms = 2, Targets = 3, Versions = 4, Stacks = 5, NumSpecs = 6,
        NumSpecsByStack = 7;

    [MethodImpl(Jit.Optimized)]
    public static bool TryRead(FastJsonReader json, ReadOnlySpan<byte> line, out FastMeta meta)
    {
        meta = new FastMeta();
        var scanner = new JsonScanner(line);
        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        int seen = 0;
        List<string>? unknown = null;
        if (!scanner.Take((byte)'}'))
        {
            while (true)
            {
                if (!scanner.TryKey(out var key))
                {
                    return false;
                }

                int field = FieldOf(key);
                if ((field >= 0 && (seen & (1 << field)) != 0) || (field < 0 && !json.FirstUnknownKey(key, ref unknown)))
                {
                    return false; // a repeated key: the YAML reading rejects it and says where
                }

                seen |= field >= 0 ? 1 << field : 0;
                bool ok = field switch
                {
                    Compilers => json.TryStringList(ref scanner, out meta.Compilers),
                    Oss => json.TryStringList(ref scanner, out meta.Oss),
                    Platforms => json.TryStringList(ref scanner, out meta.Platforms),
                    Targets => json.TryStringList(ref scanner, out meta.Targets),
                    Versions => json.TryStringList(ref scanner, out meta.Versions),
                    Stacks => json.TryStringList(ref scanner, out meta.Stacks),
                    NumSpecs => TryCount(ref scanner, out meta.NumSpecs),
                    NumSpecsByStack => TryStackCounts(json, ref scanner, out meta.NumSpecsByStack),
                    _ => scanner.TrySkipValue(),
                };
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

        return scanner.AtEnd();
    }

    private static int FieldOf(ReadOnlySpan<byte> key) => key.Length switch
    {
        3 => key.SequenceEqual("oss"u8) ? Oss : -1,
        6 => key.SequenceEqual("stacks"u8) ? Stacks : -1,
        7 => key.SequenceEqual("targets"u8) ? Targets : -1,
        8 => key.SequenceEqual("versions"u8) ? Versions : -1,
        9 => key.SequenceEqual("compilers"u8) ? Compilers : key.SequenceEqual("platforms"u8) ? Platforms
            : key.SequenceEqual("num_specs"u8) ? NumSpecs : -1,
        18 => key.SequenceEqual("num_specs_by_stack"u8) ? NumSpecsByStack : -1,
        _ => -1,
    };

    private static bool TryCount(ref JsonScanner scanner, out int? count)
    {
        count = null;
        if (scanner.TryNull())
        {
            return true;
        }

        if (scanner.TryInteger(out long n) && n >= int.MinValue && n <= int.MaxValue)
        {
            count = (int)n;
            return true;
        }

        return false;
    }

    private static bool TryStackCounts(FastJsonReader json, ref JsonScanner scanner, out StackCounts counts)
    {
        counts = StackCounts.Empty;
        if (scanner.TryNull())
        {
            return true;
        }

        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        var entries = new List<KeyValuePair<string, int>>();
        if (!scanner.Take((byte)'}'))
        {
            while (true)
            {
                if (!scanner.TryKey(out var name) || !scanner.TryInteger(out long n) || n < int.MinValue || n > int.MaxValue)
                {
                    return false;
                }

                entries.Add(new KeyValuePair<string, int>(json.PooledAscii(name), (int)n));
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
}
