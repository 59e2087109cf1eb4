using System;
using System.IO;

namespace CacheMeta.Binaries;

/// <summary>A build cache's root and layout, as the entries of its specs are found under it.</summary>
internal sealed class MirrorRoot : IEquatable<MirrorRoot>
{
    public MirrorRoot(string root, bool isRemote, int layout)
    {
        Root = root;
        IsRemote = isRemote;
        Layout = layout;
    }

    /// <summary>A URL ending in '/', or a folder path.</summary>
    public string Root { get; }

    /// <summary>True for an http(s) mirror.</summary>
    public bool IsRemote { get; }

    /// <summary>3 (v3/manifests and blobs) or 2 (build_cache/).</summary>
    public int Layout { get; }

    /// <summary>An address under the root: a URL, or a path for a mirror on disk.</summary>
    public string Under(string relative) =>
        IsRemote ? Root + relative : Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public bool Equals(MirrorRoot? other) => other is not null && other.Root == Root && other.Layout == Layout;

    public override bool Equals(object? obj) => Equals(obj as MirrorRoot);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Root) ^ Layout;

    public override string ToString() => Root;
}

/// <summary>
/// One spec's entry in its mirror, located but not yet read: the spec manifest (v3) or the spec file names to try (v2,
/// signed first), and for v2 the tarball, whose name follows from the spec.
/// </summary>
internal sealed class BinaryEntry
{
    public BinaryEntry(MirrorRoot mirror, string package, string version, string hash, string specPath,
        string? unsignedSpecPath, string? tarballPath, string? source)
    {
        Mirror = mirror;
        Package = package;
        Version = version;
        Hash = hash;
        SpecPath = specPath;
        UnsignedSpecPath = unsignedSpecPath;
        TarballPath = tarballPath;
        Source = source;
    }

    public MirrorRoot Mirror { get; }

    public string Package { get; }

    public string Version { get; }

    public string Hash { get; }

    /// <summary>Relative to the root: the v3 spec manifest, or the v2 <c>.spec.json.sig</c>.</summary>
    public string SpecPath { get; }

    /// <summary>The v2 <c>.spec.json</c> tried when there is no <c>.sig</c>; null in v3 (one name, signed or not).</summary>
    public string? UnsignedSpecPath { get; }

    /// <summary>The v2 tarball, relative to the root; null in v3, where the manifest names the blob.</summary>
    public string? TarballPath { get; }

    /// <summary>The index or page the spec came from.</summary>
    public string? Source { get; }

    /// <summary>The address of <see cref="SpecPath"/>.</summary>
    public string SpecUrl => Mirror.Under(SpecPath);

    /// <summary>The same entry found under its other v2 name (the plain <c>.spec.json</c>).</summary>
    public BinaryEntry WithSpecPath(string specPath) =>
        new(Mirror, Package, Version, Hash, specPath, null, TarballPath, Source);

    /// <summary>Deduplicates the entries of one run: the same hash in the same mirror is one binary.</summary>
    public string Key => Mirror.Root + "#" + Hash;

    public override string ToString() => Package + "@" + Version + " /" + Hash;
}
