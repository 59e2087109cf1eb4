using System;
using System.Collections.Generic;
using System.Linq;

namespace CacheMeta.Completion;

/// <summary>
/// Completes a <c>-Spec</c> value in Spack's syntax, one part at a time: the last space-separated part of the word
/// is completed and the parts before it are kept. A first part is a package name, then <c>name@</c> its versions;
/// <c>%</c> a compiler, <c>target=</c>, <c>os=</c>, <c>platform=</c> the architecture values, <c>+</c>, <c>~</c> and
/// <c>key=</c> the variants of the package named first (of every package when it names none). A bare later part
/// offers the architecture keys and the package's variants. Each candidate is the whole value, so the matcher and
/// its quoting treat it as any other.
/// </summary>
internal static class SpecCompletion
{
    private static readonly (string Key, CompletionField Field)[] Keys =
    {
        ("target=", CompletionField.Target), ("os=", CompletionField.OS), ("platform=", CompletionField.Platform),
    };

    /// <summary>The whole values that complete <paramref name="word"/> (quotes already taken off).</summary>
    public static IEnumerable<string> Candidates(CompletionValues values, string word)
    {
        int split = word.LastIndexOf(' ') + 1;
        string before = word.Substring(0, split), part = word.Substring(split);
        string? package = FirstName(before.Length == 0 ? part : before);
        var packages = package is null ? null : new[] { package };
        return Part(values, part, firstPart: before.Trim().Length == 0, packages).Select(candidate => before + candidate);
    }

    private static IEnumerable<string> Part(CompletionValues values, string part, bool firstPart, IReadOnlyList<string>? packages)
    {
        int compiler = part.IndexOf('%');
        if (compiler >= 0)
        {
            return values.For(CompletionField.Compiler).Select(c => part.Substring(0, compiler + 1) + c);
        }

        foreach (var (key, field) in Keys)
        {
            if (part.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                return values.For(field).Select(v => key + v);
            }
        }

        int at = part.IndexOf('@');
        if (firstPart && at > 0)
        {
            string name = part.Substring(0, at);
            return values.For(CompletionField.Version, new[] { name }).Select(v => name + "@" + v);
        }

        if (firstPart && part.Length > 0 && part[0] is not ('+' or '~' or '/'))
        {
            return values.For(CompletionField.Name);
        }

        var variants = values.For(CompletionField.Variant, packages);
        if (part.Length > 0 && part[0] is '+' or '~' || part.IndexOf('=') >= 0)
        {
            return variants;
        }

        return firstPart ? values.For(CompletionField.Name) : Keys.Select(k => k.Key).Concat(variants);
    }

    // The package a spec names: its first part, up to the first sigil; null when it starts with one.
    private static string? FirstName(string text)
    {
        string first = text.TrimStart().Split(' ')[0];
        int end = first.IndexOfAny(new[] { '@', '%', '+', '~', '=', '/', '^' });
        string name = end < 0 ? first : first.Substring(0, end);
        return name.Length == 0 || (end >= 0 && first[end] == '=') ? null : name;
    }
}
