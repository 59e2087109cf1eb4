using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CacheMeta.Binaries;
using CacheMeta.Http;

namespace CacheMeta.Mirrors;

/// <summary>
/// Where things go in a mirror CacheMeta writes, and the small documents of each layout, as Spack writes them
/// (spack/spack <c>lib/spack/spack/url_buildcache.py</c>: <c>COMPONENT_PATHS</c>, <c>maybe_push_layout_json</c>,
/// <c>push_manifest</c>, <c>get_manifest_filename</c>; <c>binary_distribution.py</c>: <c>tarball_name</c>,
/// <c>tarball_directory_name</c>, <c>generate_key_index</c>). Paths are relative to the mirror root, with '/'.
/// <para>Version 3 (Spack 1.0+): <c>v3/layout.json</c>, manifests under <c>v3/manifests/</c> (spec, index, key), and
/// every blob content-addressed at the root, <c>blobs/sha256/&lt;2&gt;/&lt;sum&gt;</c> (not under <c>v3/</c>).
/// Version 2: everything under <c>build_cache/</c>.</para>
/// <para>This is the one place entry names are made: the locator (<c>BinaryLocator</c>) finds a source's entries by
/// them and the exporter writes them under the same relative paths.</para>
/// </summary>
internal static class MirrorLayout
{
    public const int V2 = 2, V3 = 3;

    public const string LayoutJsonPath = "v3/layout.json";
    public const string IndexManifestPath = "v3/manifests/index/index.manifest.json";
    public const string KeyIndexManifestPath = "v3/manifests/key/keys.manifest.json";
    public const string V2IndexPath = "build_cache/index.json";
    public const string V2IndexHashPath = "build_cache/index.json.hash";
    public const string V2KeyIndexPath = "build_cache/_pgp/index.json";

    /// <summary>The key index's media type in a v3 manifest.</summary>
    public const string KeyIndexMediaType = "application/vnd.spack.keyindex.v1+json";

    // Spack's polite_filename: every character outside [A-Za-z0-9_+.-] becomes '_' (format_path applies it per field).
    private static readonly Regex Impolite = new("[^A-Za-z0-9_+.-]", RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>v3/layout.json</c> as Spack writes it: <c>json.dump({"signing": "gpg"})</c>, Python's default separators, no
    /// newline. Spack writes it once, when a mirror has none.
    /// </summary>
    public static byte[] LayoutJson() => Encoding.ASCII.GetBytes("{\"signing\": \"gpg\"}");

    /// <summary>The index blob's media type for a database version: <c>application/vnd.spack.db.v8+json</c>.</summary>
    public static string IndexMediaType(string databaseVersion) => "application/vnd.spack.db.v" + databaseVersion + "+json";

    /// <summary><c>blobs/sha256/ab/abcdef...</c>.</summary>
    public static string BlobPath(string sha256)
    {
        if (sha256 is null || !LocalCache.IsSha256(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a lower-case SHA-256.", nameof(sha256));
        }

        return "blobs/sha256/" + sha256.Substring(0, 2) + "/" + sha256;
    }

    /// <summary><c>blobs/&lt;algorithm&gt;/&lt;first two&gt;/&lt;checksum&gt;</c> as a manifest names it (not checked: a source's names are read as they are).</summary>
    public static string BlobPath(string checksumAlgorithm, string checksum) =>
        "blobs/" + checksumAlgorithm + "/" + checksum.Substring(0, Math.Min(2, checksum.Length)) + "/" + checksum;

    /// <summary><c>v3/manifests/spec/&lt;name&gt;/&lt;name&gt;-&lt;version&gt;-&lt;hash&gt;.spec.manifest.json</c>.</summary>
    public static string SpecManifestPath(string name, string version, string hash) =>
        "v3/manifests/spec/" + Polite(name) + "/" + Polite(name) + "-" + Polite(version) + "-" + Polite(hash) + ".spec.manifest.json";

    /// <summary><c>v3/manifests/key/&lt;FINGERPRINT&gt;.key.manifest.json</c>.</summary>
    public static string KeyManifestPath(string fingerprint) => "v3/manifests/key/" + Polite(fingerprint) + ".key.manifest.json";

    /// <summary><c>build_cache/_pgp/&lt;FINGERPRINT&gt;.pub</c>.</summary>
    public static string V2KeyPath(string fingerprint) => "build_cache/_pgp/" + Polite(fingerprint) + ".pub";

    /// <summary>
    /// The v2 file stem <c>&lt;platform&gt;-&lt;os&gt;-&lt;target&gt;-&lt;compiler&gt;-&lt;compilerversion&gt;-&lt;name&gt;-&lt;version&gt;-&lt;hash&gt;</c>;
    /// <c>none-none</c> for a spec without a compiler, as Spack names those.
    /// </summary>
    public static string V2Stem(V2EntryName entry) =>
        string.Join("-", Arch(entry), Compiler(entry), Polite(entry.Name), Polite(entry.Version), Polite(entry.Hash));

    /// <summary><c>build_cache/&lt;stem&gt;.spec.json</c>, or <c>.spec.json.sig</c> when clear-signed.</summary>
    public static string V2SpecFilePath(V2EntryName entry, bool signed) => "build_cache/" + V2Stem(entry) + (signed ? ".spec.json.sig" : ".spec.json");

    /// <summary><c>build_cache/&lt;platform&gt;-&lt;os&gt;-&lt;target&gt;/&lt;compiler&gt;-&lt;version&gt;/&lt;name&gt;-&lt;version&gt;/&lt;stem&gt;.spack</c>.</summary>
    public static string V2TarballPath(V2EntryName entry) =>
        "build_cache/" + Arch(entry) + "/" + Compiler(entry) + "/" + Polite(entry.Name) + "-" + Polite(entry.Version) + "/" + V2Stem(entry) + ".spack";

    /// <summary>
    /// A manifest as Spack's <c>push_manifest</c> writes it: <c>json.dump(manifest, indent=0, separators=(",", ":"))</c>,
    /// so every key and list item on its own line, no indentation, no final newline; blob keys in Spack's order.
    /// </summary>
    public static byte[] Manifest(IEnumerable<ManifestBlob> blobs)
    {
        var text = new StringBuilder("{\n\"version\":3,\n\"data\":[");
        string separator = "\n";
        foreach (var blob in blobs)
        {
            text.Append(separator).Append("{\n")
                .Append("\"contentLength\":").Append(blob.ContentLength.ToString(CultureInfo.InvariantCulture)).Append(",\n")
                .Append("\"mediaType\":").Append(Quoted(blob.MediaType)).Append(",\n")
                .Append("\"compression\":").Append(Quoted(blob.Compression)).Append(",\n")
                .Append("\"checksumAlgorithm\":").Append(Quoted(blob.ChecksumAlgorithm)).Append(",\n")
                .Append("\"checksum\":").Append(Quoted(blob.Checksum)).Append("\n}");
            separator = ",\n";
        }

        text.Append(separator == "\n" ? "]" : "\n]").Append("\n}");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// The key index (<c>build_cache/_pgp/index.json</c>, and the v3 key-index blob): <c>{"keys":{"FP":{}, ...}}</c>,
    /// fingerprints sorted and once each, compact, as <c>generate_key_index</c> writes it through spack_json.
    /// </summary>
    public static byte[] KeyIndex(IEnumerable<string> fingerprints)
    {
        var sorted = new SortedSet<string>(fingerprints, StringComparer.Ordinal);
        return Encoding.ASCII.GetBytes("{\"keys\":{" + string.Join(",", sorted.Select(fp => Quoted(fp) + ":{}")) + "}}");
    }

    /// <summary>The layout of the mirror at <paramref name="root"/>: 3, 2, or null when it holds neither (a new destination).</summary>
    public static int? Detect(string root)
    {
        if (File.Exists(Under(root, LayoutJsonPath)) || File.Exists(Under(root, IndexManifestPath)))
        {
            return V3;
        }

        return File.Exists(Under(root, V2IndexPath)) ? V2 : null;
    }

    /// <summary>A relative path of this class under a local mirror root.</summary>
    public static string Under(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string Polite(string field) => Impolite.Replace(field ?? throw new ArgumentNullException(nameof(field)), "_");

    private static string Arch(V2EntryName entry) => Polite(entry.Platform) + "-" + Polite(entry.OperatingSystem) + "-" + Polite(entry.Target);

    private static string Compiler(V2EntryName entry) =>
        entry.CompilerName is null ? "none-none" : Polite(entry.CompilerName) + "-" + Polite(entry.CompilerVersion ?? "none");

    // Every string written here is a fixed word, a media type, a hex sum or a fingerprint: nothing to escape but quotes.
    private static string Quoted(string value) =>
        value.IndexOfAny(new[] { '"', '\\' }) < 0 && value.All(c => c >= ' ' && c < 127)
            ? "\"" + value + "\""
            : throw new ArgumentException($"'{value}' cannot be written unescaped.", nameof(value));
}

/// <summary>What a v2 entry's file names are made of (Spack's <c>tarball_name</c>).</summary>
internal sealed class V2EntryName
{
    /// <summary>The name fields of a spec read from an index (a spec without a hash or version cannot be named).</summary>
    public static V2EntryName Of(CacheSpec spec) =>
        new(spec.Platform ?? string.Empty, spec.OS ?? string.Empty, spec.Target ?? string.Empty, spec.CompilerName, spec.CompilerVersion, spec.Package,
            spec.Version ?? throw new ArgumentException("The spec has no version.", nameof(spec)),
            spec.Hash ?? throw new ArgumentException("The spec has no hash.", nameof(spec)));

    public V2EntryName(string platform, string operatingSystem, string target, string? compilerName, string? compilerVersion,
        string name, string version, string hash)
    {
        Platform = platform;
        OperatingSystem = operatingSystem;
        Target = target;
        CompilerName = compilerName;
        CompilerVersion = compilerVersion;
        Name = name;
        Version = version;
        Hash = hash;
    }

    public string Platform { get; }
    public string OperatingSystem { get; }
    /// <summary>The target's name (<c>core2</c>, <c>x86_64_v3</c>).</summary>
    public string Target { get; }
    /// <summary>Null for a spec without a compiler (<c>none-none</c>).</summary>
    public string? CompilerName { get; }
    public string? CompilerVersion { get; }
    public string Name { get; }
    public string Version { get; }
    public string Hash { get; }
}
