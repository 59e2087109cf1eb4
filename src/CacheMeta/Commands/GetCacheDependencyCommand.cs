using System;
using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Graph;

namespace CacheMeta.Commands;

/// <summary>Gets the dependencies of specs read from build-cache indexes, or the specs that depend on them.</summary>
/// <remarks>
/// Takes CacheSpec objects from the pipeline (Get-CacheSpec -Mirror or -Catalog, or the default catalog) and writes one
/// CacheMeta.CacheDependency per dependency: Root (the spec asked about), Parent, Name, Version, Hash, Types, Virtuals,
/// Depth and Status, and Spec (the dependency's own CacheSpec when its binary is in the build cache). Status says what
/// installing from this cache finds: InCache (the binary is there), NotInCache (the index has the record but not the
/// binary, and it is no external: installing needs it built), External (a system package or compiler, never in a build
/// cache) and Missing (no record of the index has that hash, so the index does not say what it is).
/// Without -Recurse the spec's direct dependencies are written (Depth 1); with -Recurse its whole closure, breadth-first,
/// each dependency once per root at its shortest Depth with the Parent through which it was first reached, written as
/// a tree (each one under its Parent) so the table view indents it like spack spec. -Type chooses the edge types
/// followed: Link and Run by default, what installing a binary needs; add Build for what building it needs.
/// -Dependents walks the other way: the specs of the same index that depend on the input, directly or with -Recurse
/// transitively: what removing it from the cache would break. Each index's graph is read once for the whole pipeline:
/// a catalog spec's from its tag's root index, a mirror spec's from the index it came from. A spec read from a page
/// is a DependenciesNotRecorded error (pages record no dependencies), and the other specs go on.
/// </remarks>
/// <example>
/// <code>Get-CacheSpec hdf5 -Catalog ./samples/binaries/catalog.json -Target x86_64_v3 | Get-CacheDependency -Recurse</code>
/// <para>Shows what installing the x86_64_v3 hdf5 binary needs, as a tree: openmpi, which needs hwloc (not in the cache),
/// pmix (no record at all) and zlib-ng.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/develop | Get-CacheDependency -Recurse | Where-Object Status -in NotInCache, Missing</code>
/// <para>Lists every dependency that installing some binary of a mirror cannot get from it.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec zlib-ng -Mirror ./samples/binaries/develop -Target x86_64_v3 | Get-CacheDependency -Dependents -Recurse | Format-Table Name, Version, Depth</code>
/// <para>Lists the specs that removing this zlib-ng binary from the mirror would break.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec cmake -Mirror ./samples/binaries/develop -Target x86_64_v3 | Get-CacheDependency -Type Build, Link, Run</code>
/// <para>Shows what building cmake needs besides what installing it needs: its compiler too.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheDependency", HelpUri = HelpLinks.Reference + "get-cachedependency")]
[OutputType(typeof(CacheDependency))]
public sealed class GetCacheDependencyCommand : CacheCommandBase
{
    private SpecGraphs? _graphs;
    private int _types; // DependencyTypes as its number: a field of an engine enum would load the engine with this class

    /// <summary>Specs from build-cache indexes, usually from Get-CacheSpec.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <summary>Walks the whole closure (or with -Dependents every spec that reaches the input), not only direct edges.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>The dependents (specs that depend on the input) instead of the dependencies.</summary>
    [Parameter]
    public SwitchParameter Dependents { get; set; }

    /// <summary>
    /// The edge types followed: Build (needed to build), Link (linked in), Run (needed to run), Test (only for tests).
    /// Link and Run by default: what installing a binary needs.
    /// </summary>
    [Parameter]
    [ValidateSet("Build", "Link", "Run", "Test", IgnoreCase = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Type { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _graphs = new SpecGraphs(this);
        _types = (int)EdgeTypes(Type);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var spec in InputObject!)
        {
            if (spec is null || _graphs!.For(spec, CancellationToken) is not { } graph)
            {
                continue;
            }

            var types = (DependencyTypes)_types;
            var walk = Dependents ? graph.Dependents(spec, types, Recurse) : graph.Dependencies(spec, types, Recurse);
            WriteObject(DependencyTree.InTreeOrder(walk), enumerateCollection: true);
        }
    }

    private static DependencyTypes EdgeTypes(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return DependencyWalks.InstallTypes;
        }

        var types = DependencyTypes.None;
        foreach (string name in names)
        {
            types |= (DependencyTypes)Enum.Parse(typeof(DependencyTypes), name, ignoreCase: true);
        }

        return types;
    }
}
