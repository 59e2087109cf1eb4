using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// One package under one tag: the summary (<c>meta</c>) a cache page carries about its specs.
/// Lists the page's generation does not carry are empty.
/// </summary>
public sealed class CachePackage
{
    /// <summary>Creates a package summary.</summary>
    public CachePackage(string name, string? tag, int numSpecs, IReadOnlyList<string>? versions,
        IReadOnlyList<string>? compilers, IReadOnlyList<string>? operatingSystems, IReadOnlyList<string>? platforms,
        IReadOnlyList<string>? targets, IReadOnlyList<string>? stacks, StackCounts? numSpecsByStack, string? source)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Tag = tag;
        NumSpecs = numSpecs;
        Versions = versions ?? Array.Empty<string>();
        Compilers = compilers ?? Array.Empty<string>();
        OperatingSystems = operatingSystems ?? Array.Empty<string>();
        Platforms = platforms ?? Array.Empty<string>();
        Targets = targets ?? Array.Empty<string>();
        Stacks = stacks ?? Array.Empty<string>();
        NumSpecsByStack = numSpecsByStack ?? StackCounts.Empty;
        Source = source;
    }

    /// <summary>Package name (the page title).</summary>
    public string Name { get; }

    /// <summary>The cache ref the page belongs to; null for the oldest pages.</summary>
    public string? Tag { get; }

    /// <summary>Number of specs (the page's <c>num_specs</c>, or its entries where the page has no count).</summary>
    public int NumSpecs { get; }

    /// <summary>Versions, as the page lists them.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>Compilers, as the page lists them.</summary>
    public IReadOnlyList<string> Compilers { get; }

    /// <summary>Operating systems (the page's <c>oss</c>).</summary>
    public IReadOnlyList<string> OperatingSystems { get; }

    /// <summary>Platforms.</summary>
    public IReadOnlyList<string> Platforms { get; }

    /// <summary>Targets.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Stacks.</summary>
    public IReadOnlyList<string> Stacks { get; }

    /// <summary>Spec count per stack, in page order, indexable by stack name.</summary>
    public StackCounts NumSpecsByStack { get; }

    /// <summary>The page file or index the summary came from.</summary>
    public string? Source { get; }

    /// <summary>
    /// Where this package's specs are read again (the page file, the mirror or catalog it came from): a package
    /// piped to Get-CacheSpec gives its specs from there. Null for a summary built by hand or from piped specs.
    /// </summary>
    internal Sources.ISpecSource? Origin { get; set; }

    /// <inheritdoc />
    public override string ToString() => Tag is null ? Name : Name + " (" + Tag + ")";
}
