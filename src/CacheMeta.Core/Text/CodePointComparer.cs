using System;
using System.Collections.Generic;

namespace CacheMeta.Text;

/// <summary>
/// Orders strings by Unicode code point, as Python compares <c>str</c>. The site generator sorts every list
/// that way; .NET's ordinal comparison orders UTF-16 code units, which differs once characters outside the
/// Basic Multilingual Plane meet characters from U+E000 to U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string?>
{
    /// <summary>The comparer.</summary>
    public static readonly CodePointComparer Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            char a = x[i], b = y[i];
            if (a == b)
            {
                continue;
            }

            // A surrogate (U+D800-U+DFFF) stands for a code point above U+FFFF: above every BMP character.
            bool sa = char.IsSurrogate(a), sb = char.IsSurrogate(b);
            if (sa != sb)
            {
                return sa ? 1 : -1;
            }

            return a.CompareTo(b);
        }

        return x.Length.CompareTo(y.Length);
    }
}
