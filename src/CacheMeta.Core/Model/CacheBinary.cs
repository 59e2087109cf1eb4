using System;

namespace CacheMeta;

/// <summary>
/// The binary behind one index record: its tarball (size, checksum, media type, address) and the spec manifest (v3
/// layout) or spec file (v2) that describes it, as Get-CacheBinary reads them from the spec's mirror.
/// </summary>
public sealed class CacheBinary
{
    internal CacheBinary(Binaries.BinaryEntry entry, long? size, string checksum, string? mediaType, string tarballPath,
        Binaries.ManifestBlob? specBlob, bool signed, DateTimeOffset? lastModified)
    {
        Entry = entry;
        Size = size;
        Checksum = checksum;
        MediaType = mediaType;
        TarballPath = tarballPath;
        SpecBlob = specBlob;
        Signed = signed;
        LastModified = lastModified;
    }

    /// <summary>The package name.</summary>
    public string Package => Entry.Package;

    /// <summary>The version.</summary>
    public string Version => Entry.Version;

    /// <summary>The 32-character DAG hash.</summary>
    public string Hash => Entry.Hash;

    /// <summary>The first 7 characters of the hash.</summary>
    public string ShortHash => Hash.Length <= 7 ? Hash : Hash.Substring(0, 7);

    /// <summary>The build-cache layout the entry is in: 3 (v3/manifests and blobs) or 2 (build_cache/).</summary>
    public int Layout => Entry.Mirror.Layout;

    /// <summary>The tarball's size in bytes: the manifest's contentLength (v3), or the HEAD answer or file length (v2); null when a server gives no length.</summary>
    public long? Size { get; }

    /// <summary>The tarball's SHA-256, lower-case hex.</summary>
    public string Checksum { get; }

    /// <summary>The tarball's media type (v3, e.g. <c>application/vnd.spack.install.v2.tar+gzip</c>); null in the v2 layout.</summary>
    public string? MediaType { get; }

    /// <summary>Where the tarball is: a URL, or a path for a mirror on disk.</summary>
    public string TarballUrl => Entry.Mirror.Under(TarballPath);

    /// <summary>Where the spec manifest (v3) or spec file (v2) is.</summary>
    public string SpecUrl => Entry.SpecUrl;

    /// <summary>True when the spec manifest or spec file is clearsigned (Test-CacheSignature says whether the signature holds).</summary>
    public bool Signed { get; }

    /// <summary>When the tarball was pushed: the server's Last-Modified, or the file's time for a mirror on disk; null when unknown.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>The index (or page) the spec came from.</summary>
    public string? Source => Entry.Source;

    /// <summary>The tarball relative to the mirror root (<c>blobs/sha256/..</c> or <c>build_cache/..</c>).</summary>
    internal string TarballPath { get; }

    /// <summary>The v3 spec metadata blob; null in the v2 layout.</summary>
    internal Binaries.ManifestBlob? SpecBlob { get; }

    /// <summary>Where the entry lives, for Test-CacheSignature and Save-CacheBinary.</summary>
    internal Binaries.BinaryEntry Entry { get; }

    /// <summary><c>name@version /hash</c>.</summary>
    public override string ToString() => Package + "@" + Version + " /" + ShortHash;
}
