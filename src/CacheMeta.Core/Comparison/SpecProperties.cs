using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Query;

namespace CacheMeta.Comparison;

/// <summary>
/// The CacheSpec properties a comparison looks at, and how each is compared. Where a spec came from
/// (Tag, Source, Tarball) is not compared: it differs between any two tags. Values are compared by meaning,
/// not spelling, because the site generator changed spellings between page generations: <c>gcc@=13.2.0</c>
/// and <c>gcc@13.2.0</c> are one compiler, <c>oneapi</c> and <c>intel-oneapi-compilers</c> one name,
/// <c>patches:=a,b</c> and <c>patches=a</c> + <c>patches=b</c> one variant, and stacks are a set.
/// </summary>
internal static class SpecProperties
{
    private static readonly (string Name, Func<CacheSpec, CacheSpec, string?> Describe)[] All =
    {
        ("Package", (a, b) => Scalar(a.Package, b.Package)),
        ("Versions", (a, b) => a.Versions.SequenceEqual(b.Versions, StringComparer.Ordinal)
            ? null : string.Join(",", a.Versions) + " -> " + string.Join(",", b.Versions)),
        ("Compiler", (a, b) => Compiler(a) == Compiler(b) ? null : a.Compiler + " -> " + b.Compiler),
        ("Platform", (a, b) => Scalar(a.Platform, b.Platform)),
        ("OS", (a, b) => Scalar(a.OS, b.OS)),
        ("Target", (a, b) => Scalar(a.Target, b.Target)),
        ("Variants", (a, b) => Set(Variants(a.Variants), Variants(b.Variants))),
        ("Stacks", (a, b) => Set(a.Stacks, b.Stacks)),
        ("Size", (a, b) => a.Size == b.Size ? null : (a.Size?.ToString() ?? "unknown") + " -> " + (b.Size?.ToString() ?? "unknown")),
    };

    /// <summary>The names of the compared properties, in the order differences are reported.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, p => p.Name);

    /// <summary>The properties that differ (limited to <paramref name="only"/> when given) and a description of each change.</summary>
    public static (List<string> Names, string? Details) Differences(CacheSpec reference, CacheSpec difference, ICollection<string>? only)
    {
        var names = new List<string>();
        var details = new List<string>();
        foreach (var (name, describe) in All)
        {
            if (only is not null && !only.Contains(name))
            {
                continue;
            }

            if (describe(reference, difference) is { } change)
            {
                names.Add(name);
                details.Add(name + ": " + change);
            }
        }

        return (names, details.Count == 0 ? null : string.Join("; ", details));
    }

    private static string? Scalar(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal) ? null : (a ?? "none") + " -> " + (b ?? "none");

    private static string? Compiler(CacheSpec spec) =>
        spec.CompilerName is null ? spec.Compiler : CompilerAliases.Canonical(spec.CompilerName) + "@" + spec.CompilerVersion;

    // "+added -removed", items sorted; null when the sets are equal.
    private static string? Set(IEnumerable<string> reference, IEnumerable<string> difference)
    {
        var before = new HashSet<string>(reference, StringComparer.Ordinal);
        var after = new HashSet<string>(difference, StringComparer.Ordinal);
        if (before.SetEquals(after))
        {
            return null;
        }

        var changes = after.Except(before).OrderBy(s => s, StringComparer.Ordinal).Select(s => "+" + s)
            .Concat(before.Except(after).OrderBy(s => s, StringComparer.Ordinal).Select(s => "-" + s));
        return string.Join(" ", changes);
    }

    // One item per value: name:=a,b and name=a, name=b both become name=a, name=b.
    private static IEnumerable<string> Variants(IReadOnlyList<string> variants)
    {
        foreach (string variant in variants)
        {
            int eq = variant.IndexOf('=');
            if (eq <= 0)
            {
                yield return variant;
                continue;
            }

            string name = variant.Substring(0, variant[eq - 1] == ':' ? eq - 1 : eq);
            foreach (string value in variant.Substring(eq + 1).Split(','))
            {
                yield return name + "=" + value;
            }
        }
    }
}
