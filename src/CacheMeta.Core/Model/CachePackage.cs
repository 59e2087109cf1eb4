using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// One package under one tag: the summary (<c>meta</c>) a cache page carries about its specs.
/// Lists the page's generation does not carry are empty. Versions and compilers are listed as people read
/// them (<see cref="ReadingOrder"/>: <c>1.9</c> before <c>1.10</c>, <c>gcc@7.3.1</c> before <c>gcc@10.5.0</c>),
/// not in the string order pages write them in; the other lists are as given.
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
        Versions = ReadingOrder.InOrder(ValueList.From(versions), ReadingOrder.Versions);
        Compilers = ReadingOrder.InOrder(ValueList.From(compilers), ReadingOrder.Compilers);
        OperatingSystems = ValueList.From(operatingSystems);
        Platforms = ValueList.From(platforms);
        Targets = ValueList.From(targets);
        Stacks = ValueList.From(stacks);
        ParsedLatestVersion = Versions.Count == 0 ? null : SpackVersion.Parse(Versions[Versions.Count - 1]);
        NumSpecsByStack = numSpecsByStack ?? StackCounts.Empty;
        Source = source;
    }

    /// <summary>Package name (the page title).</summary>
    public string Name { get; }

    /// <summary>The cache ref the page belongs to; null for the oldest pages.</summary>
    public string? Tag { get; }

    /// <summary>Number of specs (the page's <c>num_specs</c>, or its entries where the page has no count).</summary>
    public int NumSpecs { get; }

    /// <summary>Versions, oldest first as Spack orders versions.</summary>
    public ValueList Versions { get; }

    /// <summary>
    /// The newest of <see cref="Versions"/> as written; null when there are none. In PowerShell this property is
    /// the <see cref="SpackVersion"/> (CacheMeta.psm1 puts it in front), so it sorts and compares as Spack does.
    /// </summary>
    public string? LatestVersion => ParsedLatestVersion?.Text;

    /// <summary>Compilers, by name and then by version.</summary>
    public ValueList Compilers { get; }

    /// <summary>Operating systems (the page's <c>oss</c>).</summary>
    public ValueList OperatingSystems { get; }

    /// <summary>Platforms.</summary>
    public ValueList Platforms { get; }

    /// <summary>Targets.</summary>
    public ValueList Targets { get; }

    /// <summary>Stacks.</summary>
    public ValueList Stacks { get; }

    /// <summary>Spec count per stack, in page order, indexable by stack name.</summary>
    public StackCounts NumSpecsByStack { get; }

    /// <summary>The page file or index the summary came from.</summary>
    public string? Source { get; }

    /// <summary>The newest version, ordered as Spack orders versions; PowerShell shows it as <see cref="LatestVersion"/>.</summary>
    internal SpackVersion? ParsedLatestVersion { get; }

    /// <summary>
    /// Where this package's specs are read again (the page file, the mirror or catalog it came from): a package
    /// piped to Get-CacheSpec gives its specs from there. Null for a summary built by hand or from piped specs.
    /// </summary>
    internal Sources.ISpecSource? Origin { get; set; }

    /// <inheritdoc />
    public override string ToString() => Tag is null ? Name : Name + " (" + Tag + ")";
}
