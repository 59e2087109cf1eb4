using System;
using CacheMeta.Index;
using CacheMeta.Mirrors;
using CacheMeta.Sources;

namespace CacheMeta.Binaries;

/// <summary>
/// Where a spec's binary is: its mirror root, taken from the index the spec was read from, and the names Spack gives
/// the entries under it. The names follow Spack's own code (spack/spack, lib/spack/spack): v3 in url_buildcache.py
/// (<c>get_manifest_url</c>: <c>v3/manifests/spec/&lt;name&gt;/&lt;name&gt;-&lt;version&gt;-&lt;hash&gt;.spec.manifest.json</c>;
/// blobs at <c>blobs/&lt;algorithm&gt;/&lt;first two&gt;/&lt;checksum&gt;</c>), v2 in binary_distribution.py
/// (<c>tarball_name</c>: <c>{architecture}-{compiler.name}-{compiler.version}-{name}-{version}-{hash}</c> plus
/// <c>.spec.json.sig</c>, <c>.spec.json</c> or <c>.spack</c>; <c>tarball_directory_name</c>:
/// <c>{architecture}/{compiler.name}-{compiler.version}/{name}-{version}</c>), where a spec without a compiler
/// formats as <c>none-none</c> (Spack's test mirror v2_layout/signed has such files). Keys: v3
/// <c>v3/manifests/key/keys.manifest.json</c> and <c>&lt;FINGERPRINT&gt;.key.manifest.json</c>; v2
/// <c>build_cache/_pgp/index.json</c> and <c>&lt;FINGERPRINT&gt;.pub</c>.
/// The names themselves are made in one place, <see cref="MirrorLayout"/>, which the mirror writer (Export-CacheMirror)
/// uses too, so an entry is written under the name it is found under.
/// </summary>
internal static class BinaryLocator
{
    private const string BuildCache = "build_cache/";

    /// <summary>
    /// The entry of <paramref name="spec"/>, or the error that says why it cannot be found (BinaryLocationUnknown): a
    /// spec from an index in the v3 or v2 layout, or from a page that carries a v2 tarball URL (its mirror is the
    /// URL up to <c>build_cache/</c>). Other page specs and specs made by hand do not say where their mirror is.
    /// </summary>
    public static SourceResult<BinaryEntry> Locate(CacheSpec spec)
    {
        if (spec.Hash is null || spec.Version is null)
        {
            return Unknown(spec, "it has no hash or no version, so no entry name can be made");
        }

        if (spec.Tarball is { } tarball && PageMirror(tarball) is { } fromPage)
        {
            string relative = tarball.Substring(fromPage.Root.Length);
            string stem = relative.Substring(relative.LastIndexOf('/') + 1);
            stem = stem.Substring(0, stem.Length - ".spack".Length);
            return SourceResult<BinaryEntry>.Of(new BinaryEntry(fromPage, spec.Package, spec.Version, spec.Hash,
                BuildCache + stem + ".spec.json.sig", BuildCache + stem + ".spec.json", relative, spec.Source));
        }

        if (spec.Source is null || spec.Origin is PageTreeSource || spec.Source.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return spec.Source is null
                ? Unknown(spec, "it names no source (a spec made by hand)")
                : Unknown(spec, "it was read from a cache page, which does not say where the binary's entries are; read the spec from its index", CacheRemedy.ReadIndex);
        }

        IndexLocation location;
        try
        {
            location = IndexLocation.Parse(spec.Source);
        }
        catch (ArgumentException ex)
        {
            return Unknown(spec, ex.Message);
        }

        int layout = location.Layout switch
        {
            IndexLayout.V2Index => 2,
            IndexLayout.V3Manifest or IndexLayout.Blob => 3,
            _ => 0,
        };
        if (layout == 0)
        {
            return Unknown(spec, $"its index '{spec.Source}' is not in a build-cache layout (v3/manifests/index or build_cache/index.json)");
        }

        var mirror = new MirrorRoot(location.Root, location.IsRemote, layout);
        return SourceResult<BinaryEntry>.Of(layout == 3
            ? new BinaryEntry(mirror, spec.Package, spec.Version, spec.Hash, MirrorLayout.SpecManifestPath(spec.Package, spec.Version, spec.Hash), null, null, spec.Source)
            : new BinaryEntry(mirror, spec.Package, spec.Version, spec.Hash, MirrorLayout.V2SpecFilePath(V2EntryName.Of(spec), signed: true),
                MirrorLayout.V2SpecFilePath(V2EntryName.Of(spec), signed: false), MirrorLayout.V2TarballPath(V2EntryName.Of(spec)), spec.Source));
    }

    // A v2 tarball URL or path as v2-era pages carry it: <root>build_cache/<arch>/<compiler>/<name>-<version>/<stem>.spack.
    private static MirrorRoot? PageMirror(string tarball)
    {
        int at = tarball.LastIndexOf("/" + BuildCache, StringComparison.Ordinal);
        if (at < 0 || !tarball.EndsWith(".spack", StringComparison.Ordinal))
        {
            return null;
        }

        string normalized = SourceAddress.Normalize(tarball);
        bool remote = SourceAddress.HttpUri(normalized) is not null;
        at = normalized.LastIndexOf("/" + BuildCache, StringComparison.Ordinal);
        return remote ? new MirrorRoot(normalized.Substring(0, at + 1), true, 2) : null;
    }

    private static SourceResult<BinaryEntry> Unknown(CacheSpec spec, string why, CacheRemedy remedy = CacheRemedy.None) =>
        SourceResult<BinaryEntry>.Failed(new CacheMetaException(ErrorIds.BinaryLocationUnknown, CacheErrorKind.ObjectNotFound,
            $"The binary of '{spec}' cannot be located: {why}.", spec.Source ?? spec.Package) { Remedy = remedy });
}
