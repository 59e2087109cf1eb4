using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Graph;

namespace CacheMeta.Mirrors;

/// <summary>One binary an export copies: a record of the source's build cache.</summary>
internal sealed class PlannedSpec
{
    public PlannedSpec(GraphNode node, bool selected, bool alreadyThere)
    {
        Node = node;
        Selected = selected;
        AlreadyThere = alreadyThere;
    }

    /// <summary>The source's record.</summary>
    public GraphNode Node { get; }

    public string Hash => Node.Hash;

    public string Name => Node.Name;

    public string Version => Node.Version;

    /// <summary>True when it was asked for; false when it comes along as a link or run dependency of what was.</summary>
    public bool Selected { get; }

    /// <summary>True when the destination's index already has it in its build cache (its files are checked, not fetched, when they verify).</summary>
    public bool AlreadyThere { get; }

    public override string ToString() => Node.ToString();
}

/// <summary>
/// A link or run dependency of an exported spec that the source's build cache cannot supply, so installing from the
/// export needs it from elsewhere: an external (the target machine must have it), a record without a binary, or a
/// hash the source's index does not have at all. The cmdlet reports each as a warning.
/// </summary>
internal sealed class UnexportableDependency
{
    public UnexportableDependency(string name, string hash, DependencyStatus status, IReadOnlyList<PlannedSpec> neededBy)
    {
        Name = name;
        Hash = hash;
        Status = status;
        NeededBy = neededBy;
    }

    /// <summary>The package name, as the record or (for a missing hash) the edge names it.</summary>
    public string Name { get; }

    public string Hash { get; }

    /// <summary>External, NotInCache or Missing.</summary>
    public DependencyStatus Status { get; }

    /// <summary>The exported specs with a link or run edge to it, in plan order.</summary>
    public IReadOnlyList<PlannedSpec> NeededBy { get; }

    public override string ToString() => $"{Name} /{Hash} ({Status}), needed by {string.Join(", ", NeededBy)}";
}

/// <summary>
/// What exporting a selection of one source's specs writes (made by <see cref="ExportPlanner"/>): the binaries to
/// copy, the dependencies the source cannot supply, and the records the destination's new index holds.
/// <para>The index holds more records than binaries: every record the exported specs reach through any edge (build
/// dependencies too, as Spack's own index holds every node of each pushed spec's DAG), those without a binary here
/// marked <c>in_buildcache: false</c>; and every record of the destination's existing index, so the new index covers
/// old and new. Every list is in a fixed order whatever the order of the selection.</para>
/// </summary>
internal sealed class ExportPlan
{
    internal ExportPlan(IReadOnlyList<PlannedSpec> specs, IReadOnlyList<UnexportableDependency> unexportable,
        IReadOnlyList<string> notInSource, IReadOnlyList<string> sourceRecords, IReadOnlyList<string> keptRecords,
        IReadOnlyList<string> absentRecords, ISet<string> inCache)
    {
        Specs = specs;
        Unexportable = unexportable;
        NotInSource = notInSource;
        SourceRecords = sourceRecords;
        KeptRecords = keptRecords;
        AbsentRecords = absentRecords;
        _inCache = inCache;
    }

    private readonly ISet<string> _inCache;

    /// <summary>The binaries to export, by package name, then version, then hash.</summary>
    public IReadOnlyList<PlannedSpec> Specs { get; }

    /// <summary>Link or run dependencies the source's build cache cannot supply, by name then hash.</summary>
    public IReadOnlyList<UnexportableDependency> Unexportable { get; }

    /// <summary>Selected hashes that are not a record of the source's build cache (none when the selection came from it).</summary>
    public IReadOnlyList<string> NotInSource { get; }

    /// <summary>The hashes of the source records the new index holds (the exported specs and every record they reach), ordinal order.</summary>
    public IReadOnlyList<string> SourceRecords { get; }

    /// <summary>The hashes of the destination's existing records that the source records do not include, kept as they are; ordinal order.</summary>
    public IReadOnlyList<string> KeptRecords { get; }

    /// <summary>
    /// Hashes that an index record lists as a dependency but that neither index has a record of (through any edge
    /// type). The new index lacks them as the source did; those reached through link or run edges of an exported
    /// spec are also in <see cref="Unexportable"/>.
    /// </summary>
    public IReadOnlyList<string> AbsentRecords { get; }

    /// <summary>How many records the new index holds.</summary>
    public int RecordCount => SourceRecords.Count + KeptRecords.Count;

    /// <summary>True when the new index says <c>in_buildcache: true</c> for the hash: exported now, or in the destination's cache before.</summary>
    public bool InCache(string hash) => _inCache.Contains(hash ?? throw new ArgumentNullException(nameof(hash)));

    /// <summary>
    /// The same plan with the binaries of <paramref name="failed"/> not in the cache: an export that could not copy them
    /// records them <c>in_buildcache: false</c> rather than claim what is not there. Specs the destination had already
    /// keep their word (their files were there before).
    /// </summary>
    public ExportPlan WithoutBinaries(IEnumerable<string> failed)
    {
        var inCache = new HashSet<string>(_inCache, StringComparer.Ordinal);
        foreach (string hash in failed)
        {
            if (!Specs.Any(spec => spec.Hash == hash && spec.AlreadyThere))
            {
                inCache.Remove(hash);
            }
        }

        return new ExportPlan(Specs, Unexportable, NotInSource, SourceRecords, KeptRecords, AbsentRecords, inCache);
    }
}
