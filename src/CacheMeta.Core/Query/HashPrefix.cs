using System;

namespace CacheMeta.Query;

/// <summary>DAG-hash prefixes as Spack takes them (<c>/abc123</c>): case-insensitive, any length.</summary>
internal static class HashPrefix
{
    /// <summary>The prefix without spaces and the leading <c>/</c>.</summary>
    public static string Normalize(string prefix) => prefix.Trim().TrimStart('/');

    /// <summary>True when <paramref name="hash"/> starts with <paramref name="prefix"/>.</summary>
    public static bool Matches(string? hash, string prefix) =>
        hash is not null && hash.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the hash, given as ASCII bytes, starts with <paramref name="prefix"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> hash, string prefix)
    {
        if (prefix.Length > hash.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            int a = hash[i], b = prefix[i];
            if (a != b && !(IsLetter(a) && (a | 0x20) == (b | 0x20)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetter(int c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
