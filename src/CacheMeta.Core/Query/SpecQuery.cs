using System.Collections.Generic;

namespace CacheMeta.Query;

/// <summary>
/// What a user asked for, as the cmdlets' filter parameters hold it. Values within one property are
/// OR-ed, properties are AND-ed; null or empty means "any". Matching is case-insensitive and every
/// property except <see cref="Hash"/> takes wildcards.
/// </summary>
internal sealed class SpecQuery
{
    /// <summary>Package names.</summary>
    public IReadOnlyList<string>? Name { get; set; }

    /// <summary>Tags (refs).</summary>
    public IReadOnlyList<string>? Tag { get; set; }

    /// <summary>Stacks a spec must be in (any of).</summary>
    public IReadOnlyList<string>? Stack { get; set; }

    /// <summary>Targets.</summary>
    public IReadOnlyList<string>? Target { get; set; }

    /// <summary>Target families.</summary>
    public IReadOnlyList<string>? TargetFamily { get; set; }

    /// <summary>Operating systems.</summary>
    public IReadOnlyList<string>? OS { get; set; }

    /// <summary>Platforms.</summary>
    public IReadOnlyList<string>? Platform { get; set; }

    /// <summary>Compilers: <c>gcc</c> (any gcc), <c>gcc@13.2.0</c> (also <c>gcc@=13.2.0</c>), <c>gcc@13</c> (any 13.x), wildcards.</summary>
    public IReadOnlyList<string>? Compiler { get; set; }

    /// <summary>Versions: <c>6.1.0</c>, <c>6.1</c> (any 6.1.x), <c>=6.1</c> (exactly), wildcards.</summary>
    public IReadOnlyList<string>? Version { get; set; }

    /// <summary>Hash prefixes, with or without a leading <c>/</c>.</summary>
    public IReadOnlyList<string>? Hash { get; set; }

    /// <summary>Variants: <c>+mpi</c>, <c>~cuda</c>, <c>build_system=cmake</c>, wildcards.</summary>
    public IReadOnlyList<string>? Variant { get; set; }

    /// <summary>Specs in Spack's syntax (<c>zlib@1.2:1.4 %gcc@13 +shared target=x86_64_v3:</c>), OR-ed with each
    /// other (as <c>spack buildcache list</c> does) and AND-ed with the other properties.</summary>
    public IReadOnlyList<string>? Spec { get; set; }

    /// <summary>A host the specs must run on (platform, OS and target, see <see cref="OSCompatibility"/>); null for any.</summary>
    public CacheHost? CompatibleWith { get; set; }

    /// <summary>How <see cref="CompatibleWith"/> judges operating systems: the host's own (default) or by glibc.</summary>
    public OSCompatibility OSCompatibility { get; set; }

    internal static bool IsEmpty(IReadOnlyList<string>? values) => values is null || values.Count == 0;
}
