using System;
using System.IO;
using System.Text.RegularExpressions;
using CacheMeta.Sources;

namespace CacheMeta.Index;

/// <summary>What an index address points at.</summary>
public enum IndexLayout
{
    /// <summary>A mirror's root: the layout is found by looking (v3 first, then v2).</summary>
    MirrorRoot,
    /// <summary><c>build_cache/index.json</c> of a v2 mirror.</summary>
    V2Index,
    /// <summary><c>v3/manifests/index/[view/]index.manifest.json</c> of a v3 mirror.</summary>
    V3Manifest,
    /// <summary>A content-addressed index blob, <c>blobs/sha256/&lt;2&gt;/&lt;sum&gt;</c> (what the current catalog lists).</summary>
    Blob,
    /// <summary>A local file of Database JSON that belongs to no mirror layout.</summary>
    File,
}

/// <summary>
/// An index address as a user or a catalog gives it: a URL (<c>https</c>, <c>http</c>, <c>file</c>, or
/// <c>s3://spack-binaries/</c>, which is the public cache) or a local path; a mirror root, an
/// <c>index.json</c>, an index manifest or an index blob. The mirror root is what the local cache keys on,
/// so a mirror's index is one cache entry whichever way it is addressed.
/// </summary>
internal sealed class IndexLocation
{
    private static readonly Regex BlobName = new("^(.*/)?blobs/sha256/[0-9a-f]{2}/([0-9a-f]{64})$", RegexOptions.CultureInvariant);

    private IndexLocation(string address, bool remote, IndexLayout layout, string root, string? checksum)
    {
        Address = address;
        IsRemote = remote;
        Layout = layout;
        Root = root;
        Checksum = checksum;
    }

    /// <summary>The address as resolved: an absolute URL or a full path.</summary>
    public string Address { get; }

    /// <summary>True for http(s) addresses.</summary>
    public bool IsRemote { get; }

    /// <summary>What the address points at.</summary>
    public IndexLayout Layout { get; }

    /// <summary>The mirror root, ending in '/' for URLs (a folder path for local mirrors).</summary>
    public string Root { get; }

    /// <summary>The SHA-256 a blob address names.</summary>
    public string? Checksum { get; }

    /// <summary>What the local cache keys the index on: the mirror root (and the view, for a named index).</summary>
    public string Slot => Layout == IndexLayout.V3Manifest && Address != Root + DefaultManifest ? Address : Root + "#index";

    /// <summary>The default index manifest under a mirror root.</summary>
    internal const string DefaultManifest = "v3/manifests/index/index.manifest.json";

    /// <summary>The v2 index under a mirror root.</summary>
    internal const string V2Index = "build_cache/index.json";

    /// <summary>
    /// Reads an address (see <see cref="SourceAddress"/>): an http(s) URL, the public bucket's s3 form, a file URL or
    /// a path, which callers make absolute first (a relative one is taken against the process's folder). Throws
    /// <see cref="ArgumentException"/> for an unusable one.
    /// </summary>
    public static IndexLocation Parse(string address)
    {
        string text = SourceAddress.Normalize(address);
        if (SourceAddress.HttpUri(text) is { } url)
        {
            return Classify(url.GetLeftPart(UriPartial.Path), remote: true);
        }

        if (SourceAddress.IsUrl(text) && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{address}' is neither an http(s) URL nor a file path.");
        }

        string full = Path.GetFullPath(SourceAddress.LocalPath(text));
        if (Directory.Exists(full))
        {
            return new IndexLocation(full, false, IndexLayout.MirrorRoot, full, null);
        }

        var local = Classify(full.Replace('\\', '/'), remote: false);
        return local.Layout == IndexLayout.MirrorRoot
            ? new IndexLocation(full, false, IndexLayout.File, Path.GetDirectoryName(full)!, null)
            : new IndexLocation(full, false, local.Layout, FromSlashes(local.Root), local.Checksum);
    }

    /// <summary>An address under the mirror root: a URL, or a path for local mirrors.</summary>
    public string Under(string relative) =>
        IsRemote ? Root + relative : Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <inheritdoc />
    public override string ToString() => Address;

    private static IndexLocation Classify(string path, bool remote)
    {
        const string Manifests = "v3/manifests/index/";
        if (path.EndsWith("/" + V2Index, StringComparison.Ordinal))
        {
            return new IndexLocation(path, remote, IndexLayout.V2Index, path.Substring(0, path.Length - V2Index.Length), null);
        }

        int manifests = path.IndexOf("/" + Manifests, StringComparison.Ordinal);
        if (manifests >= 0 && path.EndsWith("/index.manifest.json", StringComparison.Ordinal))
        {
            return new IndexLocation(path, remote, IndexLayout.V3Manifest, path.Substring(0, manifests + 1), null);
        }

        var blob = BlobName.Match(path);
        if (blob.Success)
        {
            return new IndexLocation(path, remote, IndexLayout.Blob, blob.Groups[1].Value, blob.Groups[2].Value);
        }

        string root = path.EndsWith("/", StringComparison.Ordinal) ? path : path + "/";
        return new IndexLocation(root, remote, IndexLayout.MirrorRoot, root, null);
    }

    private static string FromSlashes(string root) =>
        root.Length == 0 ? root : Path.GetFullPath(root.Replace('/', Path.DirectorySeparatorChar));
}
