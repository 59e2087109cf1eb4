using System.Collections.Generic;
using CacheMeta.Query;
using CacheMeta.Targets;

namespace CacheMeta.Pages;

/// <summary>
/// Builds <see cref="CacheSpec"/> objects, computing the derived values (compiler parts, target family,
/// parsed version) once per distinct input and sharing them. One factory per parsing worker.
/// </summary>
internal sealed class SpecFactory
{
    private const int MaxEntries = 1 << 14;

    private readonly Sources.ISpecSource? _origin;

    private readonly Dictionary<string, (string?, string?)> _compilers = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _families = new(System.StringComparer.Ordinal);
    private readonly Dictionary<object, SpackVersion?> _versions = new(ReferenceComparer.Instance);

    /// <summary>A factory whose specs name <paramref name="origin"/> as the source that read them.</summary>
    public SpecFactory(Sources.ISpecSource? origin = null) => _origin = origin;

    public string? FamilyOf(string? target)
    {
        if (target is null)
        {
            return null;
        }

        if (!_families.TryGetValue(target, out string? family))
        {
            Bound(_families);
            family = Microarchitectures.FamilyOf(target);
            _families.Add(target, family);
        }

        return family;
    }

    public CacheSpec Create(string package, string? tag, string? hash, IReadOnlyList<string> versions,
        string? compiler, string? os, string? platform, string? target, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks, long? size, string? tarball, string? source, IReadOnlyList<DependencyEdge>? dependencies = null)
    {
        (string?, string?) parts = (null, null);
        if (compiler is not null && !_compilers.TryGetValue(compiler, out parts))
        {
            Bound(_compilers);
            parts = CompilerId.Split(compiler);
            _compilers.Add(compiler, parts);
        }

        if (!_versions.TryGetValue(versions, out SpackVersion? version))
        {
            Bound(_versions);
            version = CacheSpec.VersionOf(versions);
            _versions.Add(versions, version);
        }

        return new CacheSpec(package, tag, hash, versions, version, compiler, parts, os, platform, target,
            FamilyOf(target), variants, stacks, size, tarball, source, dependencies) { Origin = _origin };
    }

    private static void Bound<TKey, TValue>(Dictionary<TKey, TValue> memo) where TKey : notnull
    {
        if (memo.Count >= MaxEntries)
        {
            memo.Clear();
        }
    }
}
