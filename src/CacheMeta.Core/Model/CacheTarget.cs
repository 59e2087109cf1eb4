using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// A CPU microarchitecture as Spack names its targets (archspec's table): <c>x86_64_v3</c>, <c>zen4</c>,
/// <c>neoverse_v2</c>, <c>power9le</c>. Targets form a partial order: a binary built for a target runs on that
/// target and on every target that lists it among its <see cref="Ancestors"/>.
/// </summary>
public sealed class CacheTarget
{
    private readonly HashSet<string> _ancestors;

    internal CacheTarget(string name, string vendor, IReadOnlyList<CacheTarget> parents, IEnumerable<string> addedFeatures,
        int generation, string? cpuImplementer, string? cpuPart, bool legacy)
    {
        Name = name;
        Vendor = vendor;
        Legacy = legacy;
        Generation = generation == 0 ? null : generation;
        CpuImplementer = cpuImplementer;
        CpuPart = cpuPart;

        // archspec's order: the parents, then each parent's ancestors not yet listed, parent by parent.
        var parentNames = new List<string>(parents.Count);
        var ancestors = new List<string>();
        _ancestors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var features = new HashSet<string>(addedFeatures, StringComparer.Ordinal);
        foreach (var parent in parents)
        {
            parentNames.Add(parent.Name);
            Add(parent.Name, ancestors);
        }

        foreach (var parent in parents)
        {
            foreach (string ancestor in parent.Ancestors)
            {
                Add(ancestor, ancestors);
            }

            features.UnionWith(parent.FeatureSet);
        }

        // archspec: "ssse3 implies sse3; on Linux sse3 is not mentioned in /proc/cpuinfo".
        if (features.Contains("ssse3"))
        {
            features.Add("sse3");
        }

        Parents = ValueList.From(parentNames);
        Ancestors = ValueList.From(ancestors);
        FeatureSet = features;
        var sorted = new List<string>(features);
        sorted.Sort(StringComparer.Ordinal);
        Features = ValueList.From(sorted);
        Family = parents.Count == 0 ? name : parents[0].Family; // every parent has the same root (archspec asserts it)
    }

    /// <summary>The target's name, e.g. <c>zen4</c>.</summary>
    public string Name { get; }

    /// <summary>The CPU vendor (<c>GenuineIntel</c>, <c>AuthenticAMD</c>, <c>ARM</c>, <c>Apple</c>, ...); <c>generic</c> for
    /// architecture levels such as <c>x86_64_v3</c> and <c>armv8.2a</c>.</summary>
    public string Vendor { get; }

    /// <summary>The architecture family, the root of the target's ancestry: <c>x86_64</c>, <c>aarch64</c>, <c>ppc64le</c>, ...</summary>
    public string Family { get; }

    /// <summary>True for the vendor-neutral levels (<c>x86_64_v3</c>, <c>armv9.0a</c>) and the family roots.</summary>
    public bool Generic => Vendor == "generic";

    /// <summary>The direct parents: the targets whose binaries this one runs without being a later generation of them.</summary>
    public ValueList Parents { get; }

    /// <summary>Every ancestor, nearest first, in archspec's order; binaries for any of them run on this target.</summary>
    public ValueList Ancestors { get; }

    /// <summary>The CPU features (flags) a host needs for this target, sorted; POWER targets have none, their
    /// <see cref="Generation"/> decides.</summary>
    public ValueList Features { get; }

    /// <summary>The POWER generation (<c>9</c> for power9le); null for other targets.</summary>
    public int? Generation { get; }

    /// <summary>For Arm cores, the "CPU implementer" code that /proc/cpuinfo shows for the vendor (<c>0x41</c> for ARM).</summary>
    public string? CpuImplementer { get; }

    /// <summary>For Arm cores, the "CPU part" number that /proc/cpuinfo shows (<c>0xd0c</c> for neoverse_n1).</summary>
    public string? CpuPart { get; }

    /// <summary>The same features as <see cref="Features"/>, for lookups.</summary>
    internal HashSet<string> FeatureSet { get; }

    /// <summary>An old name archspec no longer uses (graviton, graviton2, graviton3): known for old records, never detected.</summary>
    internal bool Legacy { get; }

    /// <summary>True when <paramref name="ancestor"/> is this target or one of its ancestors (archspec's <c>target &gt;= ancestor</c>).</summary>
    internal bool IsSameOrDescendantOf(string ancestor) =>
        string.Equals(Name, ancestor, StringComparison.OrdinalIgnoreCase) || _ancestors.Contains(ancestor);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    private void Add(string name, List<string> ancestors)
    {
        if (_ancestors.Add(name))
        {
            ancestors.Add(name);
        }
    }
}
