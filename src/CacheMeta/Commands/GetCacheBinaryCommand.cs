using System.Management.Automation;
using CacheMeta.Commands.Internal;
using CacheMeta.Binaries;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Gets the binary behind each spec: its tarball's size, checksum, address and date, and whether its entry is signed.</summary>
/// <remarks>
/// For each spec piped in (from Get-CacheSpec -Mirror or -Catalog, or a CacheDependency from Get-CacheDependency), reads the
/// entry in the mirror the spec's index came from: in the v3 layout the spec manifest
/// (v3/manifests/spec/&lt;name&gt;/&lt;name&gt;-&lt;version&gt;-&lt;hash&gt;.spec.manifest.json) and the tarball blob it lists; in the v2
/// layout the spec file (build_cache/&lt;arch&gt;-&lt;compiler&gt;-&lt;name&gt;-&lt;version&gt;-&lt;hash&gt;.spec.json.sig or .spec.json), whose
/// checksum names the tarball, and a HEAD request for the tarball's size. Every tarball is checked to exist, so piping a
/// whole index through Get-CacheBinary audits a cache without listing its bucket: an absent manifest, spec file or tarball
/// is the non-terminating error BinaryNotFound naming its URL, and the rest go on. Specs from cache pages carry no mirror,
/// except v2-era pages whose Tarball gives one; others are BinaryLocationUnknown.
/// Requests run in parallel (-ThrottleLimit, default 8) and results come in input order; each binary is written once
/// per run, so sizes add up (Measure-Object Size -Sum). Manifests and spec files are kept in the local cache folder
/// ($env:CACHEMETA_CACHE_DIR) and asked for again with If-None-Match; a tarball's HEAD answer is kept for as long as
/// its entry names the same checksum. LastModified is the tarball's Last-Modified (or the file's time on disk).
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed | Get-CacheBinary</code>
/// <para>Lists the binaries of the sample mirror with their sizes, layout and signing.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed | Get-CacheBinary | Measure-Object Size -Sum</code>
/// <para>Adds up the download volume of every binary in a mirror.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed -Name zlib-ng | Get-CacheBinary | Format-List</code>
/// <para>Shows every field of one binary: checksum, media type, tarball and spec manifest addresses.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheBinary", DefaultParameterSetName = SpecSet, HelpUri = HelpLinks.Reference + "get-cachebinary")]
[OutputType(typeof(CacheBinary))]
public sealed class GetCacheBinaryCommand : BinaryCommandBase
{
    /// <inheritdoc />
    protected override string ProgressActivity => "Reading binary entries";

    private protected override object Run(BinaryEntry entry, BinaryResolver resolver, ISourceObserver observer) =>
        resolver.Resolve(entry, CancellationToken);
}
