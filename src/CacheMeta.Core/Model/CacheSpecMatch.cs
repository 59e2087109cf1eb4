using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// A binary measured against a spec and a host: what it misses, one plain sentence per failed constraint ("variant
/// ~mpi, wanted +mpi", "target neoverse_v1 does not run on zen4 (another family)"). No mismatches means it satisfies
/// the spec and runs on the host.
/// </summary>
public sealed class CacheSpecMatch
{
    internal CacheSpecMatch(CacheSpec spec, IReadOnlyList<string> mismatches, bool compatible)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        Mismatches = ValueList.From(mismatches);
        Compatible = compatible;
    }

    /// <summary>The binary.</summary>
    public CacheSpec Spec { get; }

    /// <summary>One sentence per constraint the binary fails, the spec's first (in the order written), then the host's.</summary>
    public ValueList Mismatches { get; }

    /// <summary>How many constraints the binary fails; nearer binaries fail fewer.</summary>
    public int MismatchCount => Mismatches.Count;

    /// <summary>True when the binary runs on the host (platform, OS and target), whatever the spec asks; true when no
    /// host was given.</summary>
    public bool Compatible { get; }

    /// <summary>The spec, then what it misses.</summary>
    public override string ToString() => Mismatches.Count == 0 ? Spec.ToString() : Spec + ": " + string.Join("; ", Mismatches);
}
