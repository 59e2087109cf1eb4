using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>How a spec differs between two collections of specs (two tags, a mirror and the public cache).</summary>
public enum CacheSpecChange
{
    /// <summary>In both, with the same values (written only when asked for, as Compare-Object -IncludeEqual).</summary>
    Equal,
    /// <summary>Only in the difference collection.</summary>
    Added,
    /// <summary>Only in the reference collection.</summary>
    Removed,
    /// <summary>In both (same hash), with values that differ: see <see cref="CacheSpecDifference.ChangedProperties"/>.</summary>
    Changed,
}

/// <summary>One spec of a comparison: which binary (package, version, hash), what happened to it, and both sides.</summary>
public sealed class CacheSpecDifference
{
    /// <summary>Creates a difference; at least one of the two specs must be given.</summary>
    public CacheSpecDifference(CacheSpecChange change, CacheSpec? referenceSpec, CacheSpec? differenceSpec,
        IReadOnlyList<string>? changedProperties = null, string? details = null)
    {
        var spec = differenceSpec ?? referenceSpec ?? throw new ArgumentNullException(nameof(differenceSpec), "A difference needs at least one spec.");
        Change = change;
        ReferenceSpec = referenceSpec;
        DifferenceSpec = differenceSpec;
        Package = spec.Package;
        Hash = spec.Hash;
        ParsedVersion = spec.ParsedVersion;
        ChangedProperties = ValueList.From(changedProperties);
        Details = details;
    }

    /// <summary>The package (as the difference side names it, else the reference side).</summary>
    public string Package { get; }

    /// <summary>The DAG hash the two sides were matched by; null for old pages without hashes.</summary>
    public string? Hash { get; }

    /// <summary>The first 7 characters of the hash.</summary>
    public string? ShortHash => Hash is null ? null : Hash.Length <= 7 ? Hash : Hash.Substring(0, 7);

    /// <summary>
    /// The spec's version as written. In PowerShell this property is the <see cref="SpackVersion"/>
    /// (CacheMeta.psm1 puts it in front), so it sorts as Spack orders versions.
    /// </summary>
    public string? Version => ParsedVersion?.Text;

    /// <summary>Added, Removed, Changed or Equal.</summary>
    public CacheSpecChange Change { get; }

    /// <summary>The spec in the reference collection; null when Added.</summary>
    public CacheSpec? ReferenceSpec { get; }

    /// <summary>The spec in the difference collection; null when Removed.</summary>
    public CacheSpec? DifferenceSpec { get; }

    /// <summary>For Changed, the CacheSpec properties whose values differ (Stacks, Variants, ...); empty otherwise.</summary>
    public ValueList ChangedProperties { get; }

    /// <summary>For Changed, what changed: <c>Stacks: +e4s -tutorial; OS: rhel8 -&gt; rhel9</c>; null otherwise.</summary>
    public string? Details { get; }

    /// <summary>The spec's version ordered as Spack orders versions; PowerShell shows it as <see cref="Version"/>.</summary>
    internal SpackVersion? ParsedVersion { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Change} {Package}@{Version} /{ShortHash}";
}

/// <summary>One package's counts in a comparison (Compare-CacheSpec -Summary).</summary>
public sealed class CacheSpecDifferenceSummary
{
    /// <summary>Creates a summary row.</summary>
    public CacheSpecDifferenceSummary(string package, int added, int removed, int changed, int equal)
    {
        Package = package ?? throw new ArgumentNullException(nameof(package));
        Added = added;
        Removed = removed;
        Changed = changed;
        Equal = equal;
    }

    /// <summary>The package.</summary>
    public string Package { get; }

    /// <summary>Specs only in the difference collection.</summary>
    public int Added { get; }

    /// <summary>Specs only in the reference collection.</summary>
    public int Removed { get; }

    /// <summary>Specs in both whose values differ.</summary>
    public int Changed { get; }

    /// <summary>Specs in both with the same values (counted only when equal specs are included).</summary>
    public int Equal { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Package}: +{Added} -{Removed} ~{Changed} ={Equal}";
}
