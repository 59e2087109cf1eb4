using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace CacheMeta;

/// <summary>
/// The ErrorIds CacheMeta reports. Each names one failure a script can test for
/// (<c>$_.FullyQualifiedErrorId -like 'FileExists,*'</c>); <see cref="All"/> lists them
/// (<c>[CacheMeta.ErrorIds]::All.Name</c>).
/// </summary>
public static class ErrorIds
{
    /// <summary>A page's front matter or its values are malformed.</summary>
    public static readonly ErrorId InvalidCachePage = new(nameof(InvalidCachePage));
    /// <summary>A page file is larger than the configured cap.</summary>
    public static readonly ErrorId CachePageTooLarge = new(nameof(CachePageTooLarge));
    /// <summary>A file could not be read.</summary>
    public static readonly ErrorId FileReadFailed = new(nameof(FileReadFailed));
    /// <summary>A path given by the user does not exist.</summary>
    public static readonly ErrorId PathNotFound = new(nameof(PathNotFound));
    /// <summary>A path resolves to something that is not a file system item.</summary>
    public static readonly ErrorId UnsupportedProvider = new(nameof(UnsupportedProvider));
    /// <summary>A filter value is malformed (a version range such as 1:2:3).</summary>
    public static readonly ErrorId InvalidQuery = new(nameof(InvalidQuery));
    /// <summary>No source was given: no -Path or -LiteralPath and no CACHEMETA_PATH.</summary>
    public static readonly ErrorId NoCacheSource = new(nameof(NoCacheSource));
    /// <summary>A tag or package name that a page cannot carry (a quote, a line break, a YAML indicator), or a page without a tag.</summary>
    public static readonly ErrorId InvalidPageName = new(nameof(InvalidPageName));
    /// <summary>A tag or package name that would place a page outside the destination folder.</summary>
    public static readonly ErrorId PageOutsideDestination = new(nameof(PageOutsideDestination));
    /// <summary>The folder to write pages into is a file, or would have to be made where a file is.</summary>
    public static readonly ErrorId DestinationIsFile = new(nameof(DestinationIsFile));
    /// <summary>A file to be written exists and replacing it was not asked for.</summary>
    public static readonly ErrorId FileExists = new(nameof(FileExists));
    /// <summary>A file could not be written.</summary>
    public static readonly ErrorId FileWriteFailed = new(nameof(FileWriteFailed));
    /// <summary>A spec has no tag, so no page folder can hold it (the oldest pages name none).</summary>
    public static readonly ErrorId SpecWithoutTag = new(nameof(SpecWithoutTag));
    /// <summary>A spec has no hash, so it cannot be a record of a current-format page (G1-G3 pages carry none).</summary>
    public static readonly ErrorId SpecWithoutHash = new(nameof(SpecWithoutHash));
    /// <summary>Two records of one tag and package share a hash but differ in more than their stacks.</summary>
    public static readonly ErrorId ConflictingSpecRecords = new(nameof(ConflictingSpecRecords));
    /// <summary>A -Spec value is not valid Spack spec syntax, or asks about what cache pages do not record.</summary>
    public static readonly ErrorId InvalidSpecSyntax = new(nameof(InvalidSpecSyntax));
    /// <summary>A tag list (the site's _data/tags.yaml) is malformed.</summary>
    public static readonly ErrorId InvalidTagList = new(nameof(InvalidTagList));
    /// <summary>A catalog of tags and stacks (cache_spack_io_index.json) is malformed.</summary>
    public static readonly ErrorId InvalidCatalog = new(nameof(InvalidCatalog));
    /// <summary>A download failed: the server answered with an error, the connection broke or timed out.</summary>
    public static readonly ErrorId DownloadFailed = new(nameof(DownloadFailed));
    /// <summary>A download or index is larger than the configured cap.</summary>
    public static readonly ErrorId DownloadTooLarge = new(nameof(DownloadTooLarge));
    /// <summary>A downloaded index does not have the length or SHA-256 its manifest or hash file states.</summary>
    public static readonly ErrorId IndexChecksumMismatch = new(nameof(IndexChecksumMismatch));
    /// <summary>A build-cache index has a database version CacheMeta does not read.</summary>
    public static readonly ErrorId UnsupportedIndexVersion = new(nameof(UnsupportedIndexVersion));
    /// <summary>A build-cache index is not valid JSON of the Database shape.</summary>
    public static readonly ErrorId InvalidIndex = new(nameof(InvalidIndex));
    /// <summary>A mirror holds no build-cache index in either layout.</summary>
    public static readonly ErrorId IndexNotFound = new(nameof(IndexNotFound));
    /// <summary>A v3 index manifest is malformed or names no index CacheMeta reads.</summary>
    public static readonly ErrorId InvalidManifest = new(nameof(InvalidManifest));
    /// <summary>-Offline was asked for and the local cache holds no copy of what is needed.</summary>
    public static readonly ErrorId CacheEntryMissing = new(nameof(CacheEntryMissing));
    /// <summary>A piped package or tag does not say where its specs are (made by hand, or from a tag list outside a site).</summary>
    public static readonly ErrorId SourceUnknown = new(nameof(SourceUnknown));
    /// <summary>A host given as text is not an arch triplet such as linux-rhel8-zen4 (or the word host).</summary>
    public static readonly ErrorId InvalidHost = new(nameof(InvalidHost));
    /// <summary>A CPU description is neither a Linux /proc/cpuinfo nor a macOS sysctl listing.</summary>
    public static readonly ErrorId InvalidCpuInfo = new(nameof(InvalidCpuInfo));
    /// <summary>A target named without wildcards is not in the microarchitecture table.</summary>
    public static readonly ErrorId TargetNotFound = new(nameof(TargetNotFound));
    /// <summary>An export's destination is a mirror of another layout or database version than its source, so one index cannot cover both.</summary>
    public static readonly ErrorId MirrorMismatch = new(nameof(MirrorMismatch));
    /// <summary>A spec's dependencies were asked for, but it was read from a cache page, which records none.</summary>
    public static readonly ErrorId DependenciesNotRecorded = new(nameof(DependenciesNotRecorded));
    /// <summary>A spec's dependencies were asked for, but the index it came from (a catalog tag's root index) has no record of it.</summary>
    public static readonly ErrorId SpecNotInIndex = new(nameof(SpecNotInIndex));
    /// <summary>A binary's spec manifest, spec file or tarball is absent from its mirror.</summary>
    public static readonly ErrorId BinaryNotFound = new(nameof(BinaryNotFound));
    /// <summary>A spec does not say where its binary is (a page spec without a tarball URL, a spec made by hand, a dependency not in the build cache).</summary>
    public static readonly ErrorId BinaryLocationUnknown = new(nameof(BinaryLocationUnknown));
    /// <summary>A spec manifest or spec file is malformed or names no tarball.</summary>
    public static readonly ErrorId InvalidSpecManifest = new(nameof(InvalidSpecManifest));
    /// <summary>A downloaded tarball, blob or spec file does not have the length or SHA-256 its entry states; nothing was kept.</summary>
    public static readonly ErrorId BinaryChecksumMismatch = new(nameof(BinaryChecksumMismatch));
    /// <summary>An entry's signature is not Valid, so Save-CacheBinary did not save it (-SkipSignatureCheck saves it anyway).</summary>
    public static readonly ErrorId SignatureRejected = new(nameof(SignatureRejected));
    /// <summary>A -KeyPath file (or a mirror's published key) is not an armored or binary OpenPGP public key.</summary>
    public static readonly ErrorId InvalidKeyFile = new(nameof(InvalidKeyFile));

    /// <summary>Every id above, in declaration order (fields initialise in that order, this one last).</summary>
    public static readonly IReadOnlyList<ErrorId> All = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(ErrorId)).Select(field => (ErrorId)field.GetValue(null)!).ToList().AsReadOnly();
}
