using System;
using System.Collections.Generic;
using CacheMeta.Targets;

namespace CacheMeta;

/// <summary>
/// One binary in the build cache: a concrete spec of a package under a tag, as a cache page or a
/// build-cache index describes it. Fields a source does not carry are null (or empty lists).
/// </summary>
public sealed class CacheSpec
{
    /// <summary>Creates a spec record; derived properties (CompilerName, TargetFamily, ...) are computed.</summary>
    public CacheSpec(string package, string? tag, string? hash, IReadOnlyList<string>? versions, string? compiler,
        string? os, string? platform, string? target, IReadOnlyList<string>? variants,
        IReadOnlyList<string>? stacks, long? size, string? tarball, string? source,
        IReadOnlyList<DependencyEdge>? dependencies = null)
        : this(package, tag, hash, versions ?? ValueList.None, VersionOf(versions), compiler, CompilerId.Split(compiler),
            os, platform, target, Microarchitectures.FamilyOf(target), variants ?? ValueList.None, stacks ?? ValueList.None,
            size, tarball, source, dependencies)
    {
    }

    // Used by the readers, which compute the derived values once per distinct string and share them (lists too:
    // a reader that hands over ValueLists has them kept as they are).
    internal CacheSpec(string package, string? tag, string? hash, IReadOnlyList<string> versions,
        SpackVersion? version, string? compiler, (string? Name, string? Version) compilerParts, string? os,
        string? platform, string? target, string? targetFamily, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks, long? size, string? tarball, string? source, IReadOnlyList<DependencyEdge>? dependencies)
    {
        Package = package ?? throw new ArgumentNullException(nameof(package));
        Tag = tag;
        Hash = hash;
        Versions = ValueList.From(versions);
        ParsedVersion = version;
        Compiler = compiler;
        CompilerName = compilerParts.Name;
        CompilerVersion = compilerParts.Version;
        OS = os;
        Platform = platform;
        Target = target;
        TargetFamily = targetFamily;
        Variants = ValueList.From(variants);
        Stacks = ValueList.From(stacks);
        Size = size;
        Tarball = tarball;
        Source = source;
        Dependencies = DependencyList.From(dependencies);
    }

    /// <summary>Package name, e.g. <c>py-multidict</c>.</summary>
    public string Package { get; }

    /// <summary>The cache ref: <c>develop</c>, <c>v0.23.1</c>, <c>develop-2025-03-30</c>; null for the oldest pages.</summary>
    public string? Tag { get; }

    /// <summary>The 32-character DAG hash; null where a page carries none (the oldest generations).</summary>
    public string? Hash { get; }

    /// <summary>
    /// The spec's version (first of <see cref="Versions"/>) as written. In PowerShell this property is the
    /// <see cref="SpackVersion"/>, which sorts as Spack orders versions (CacheMeta.psm1 puts it in front); the
    /// text is what ConvertTo-Json and Export-Csv write.
    /// </summary>
    public string? Version => ParsedVersion?.Text;

    /// <summary>The versions as the page lists them.</summary>
    public ValueList Versions { get; }

    /// <summary>The compiler exactly as written: <c>gcc@=13.2.0</c>, <c>gcc@13.2.0</c> or <c>none</c>.</summary>
    public string? Compiler { get; }

    /// <summary>The compiler's name (<c>gcc</c>); null for <c>none</c>.</summary>
    public string? CompilerName { get; }

    /// <summary>The compiler's version (<c>13.2.0</c>); null for <c>none</c>.</summary>
    public string? CompilerVersion { get; }

    /// <summary>Operating system, e.g. <c>ubuntu22.04</c>.</summary>
    public string? OS { get; }

    /// <summary>Platform: <c>linux</c>, <c>darwin</c>, <c>windows</c>.</summary>
    public string? Platform { get; }

    /// <summary>Microarchitecture target, e.g. <c>x86_64_v3</c>, <c>neoverse_v1</c>.</summary>
    public string? Target { get; }

    /// <summary>The target's family (<c>x86_64</c>, <c>aarch64</c>, <c>ppc64le</c>, ...); an unknown target maps to itself.</summary>
    public string? TargetFamily { get; }

    /// <summary>Variants as Spack prints them: <c>+mpi</c>, <c>~cuda</c>, <c>build_system=cmake</c>.</summary>
    public ValueList Variants { get; }

    /// <summary>The CI stacks the binary is in; <c>root</c> holds every spec of a tag.</summary>
    public ValueList Stacks { get; }

    /// <summary>Binary size in bytes; null when unknown (pages write <c>"-"</c>).</summary>
    public long? Size { get; }

    /// <summary>Download URL of the binary, where the page carries one (v2-layout pages).</summary>
    public string? Tarball { get; }

    /// <summary>The file or URL the record came from.</summary>
    public string? Source { get; }

    /// <summary>
    /// The spec's direct dependencies in the order its index lists them; an empty list when it has none. Null for a
    /// spec read from a page: pages do not record dependencies. Export-Csv writes it as <c>name/shorthash, ...</c>;
    /// ConvertTo-Json as an array of edges (see <see cref="DependencyList"/>).
    /// </summary>
    public DependencyList? Dependencies { get; }

    /// <summary>
    /// The source that read the record (a page tree, a mirror, a catalog), for commands that go back to it for
    /// what a spec does not carry; null for a spec built by hand. Not a string that binds to -LiteralPath: a
    /// spec piped on is used as it is, never read again.
    /// </summary>
    internal Sources.ISpecSource? Origin { get; set; }

    /// <summary>The first 7 characters of the hash, as <c>spack find -l</c> shows them.</summary>
    public string? ShortHash => Hash is null ? null : Hash.Length <= 7 ? Hash : Hash.Substring(0, 7);

    /// <summary>The spec's version ordered as Spack orders versions; PowerShell shows it as <see cref="Version"/>.</summary>
    internal SpackVersion? ParsedVersion { get; }

    /// <summary>The spec in Spack's syntax, e.g. <c>zlib@1.3 %gcc@=13.2.0 arch=linux-ubuntu22.04-x86_64_v3 /abcdefg</c>.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Package);
        if (Version is not null)
        {
            text.Append('@').Append(Version);
        }

        if (Compiler is not null && Compiler != "none")
        {
            text.Append(" %").Append(Compiler);
        }

        if (Platform is not null || OS is not null || Target is not null)
        {
            text.Append(" arch=").Append(Platform).Append('-').Append(OS).Append('-').Append(Target);
        }

        if (ShortHash is not null)
        {
            text.Append(" /").Append(ShortHash);
        }

        return text.ToString();
    }

    /// <summary>The same record with other stacks (every other value, derived ones included, is shared).</summary>
    internal CacheSpec WithStacks(IReadOnlyList<string> stacks) => With(Tag, stacks);

    /// <summary>The same record under another tag (Export-CachePage -Tag labels specs that have none).</summary>
    internal CacheSpec WithTag(string tag) => With(tag, Stacks);

    private CacheSpec With(string? tag, IReadOnlyList<string> stacks) =>
        new(Package, tag, Hash, Versions, ParsedVersion, Compiler, (CompilerName, CompilerVersion), OS, Platform, Target, TargetFamily,
            Variants, stacks, Size, Tarball, Source, Dependencies) { Origin = Origin };

    internal static SpackVersion? VersionOf(IReadOnlyList<string>? versions) =>
        versions is { Count: > 0 } && versions[0] is { } first ? SpackVersion.Parse(first) : null;
}
