namespace CacheMeta;

/// <summary>The ErrorIds CacheMeta reports. Each names one failure a script can test for.</summary>
public static class ErrorIds
{
    /// <summary>A page's front matter or its values are malformed.</summary>
    public const string InvalidCachePage = "InvalidCachePage";
    /// <summary>A page file is larger than the configured cap.</summary>
    public const string CachePageTooLarge = "CachePageTooLarge";
    /// <summary>A file could not be read.</summary>
    public const string FileReadFailed = "FileReadFailed";
    /// <summary>A path given by the user does not exist.</summary>
    public const string PathNotFound = "PathNotFound";
    /// <summary>A path resolves to something that is not a file system item.</summary>
    public const string UnsupportedProvider = "UnsupportedProvider";
    /// <summary>A filter value is malformed (a version range such as 1:2:3).</summary>
    public const string InvalidQuery = "InvalidQuery";
    /// <summary>No source was given: no -Path or -LiteralPath and no CACHEMETA_PATH.</summary>
    public const string NoCacheSource = "NoCacheSource";
    /// <summary>A tag or package name that a page cannot carry (a quote, a line break, a YAML indicator), or a page without a tag.</summary>
    public const string InvalidPageName = "InvalidPageName";
    /// <summary>A tag or package name that would place a page outside the destination folder.</summary>
    public const string PageOutsideDestination = "PageOutsideDestination";
    /// <summary>A file to be written exists and replacing it was not asked for.</summary>
    public const string FileExists = "FileExists";
    /// <summary>A file could not be written.</summary>
    public const string FileWriteFailed = "FileWriteFailed";
    /// <summary>A spec has no tag, so no page folder can hold it (the oldest pages name none).</summary>
    public const string SpecWithoutTag = "SpecWithoutTag";
    /// <summary>A spec has no hash, so it cannot be a record of a current-format page (G1-G3 pages carry none).</summary>
    public const string SpecWithoutHash = "SpecWithoutHash";
    /// <summary>Two records of one tag and package share a hash but differ in more than their stacks.</summary>
    public const string ConflictingSpecRecords = "ConflictingSpecRecords";
    /// <summary>A -Spec value is not valid Spack spec syntax, or asks about what cache pages do not record.</summary>
    public const string InvalidSpecSyntax = "InvalidSpecSyntax";
    /// <summary>A tag list (the site's _data/tags.yaml) is malformed.</summary>
    public const string InvalidTagList = "InvalidTagList";
    /// <summary>A catalog of tags and stacks (cache_spack_io_index.json) is malformed.</summary>
    public const string InvalidCatalog = "InvalidCatalog";
    /// <summary>A download failed: the server answered with an error, the connection broke or timed out.</summary>
    public const string DownloadFailed = "DownloadFailed";
    /// <summary>A download or index is larger than the configured cap.</summary>
    public const string DownloadTooLarge = "DownloadTooLarge";
    /// <summary>A downloaded index does not have the length or SHA-256 its manifest or hash file states.</summary>
    public const string IndexChecksumMismatch = "IndexChecksumMismatch";
    /// <summary>A build-cache index has a database version CacheMeta does not read.</summary>
    public const string UnsupportedIndexVersion = "UnsupportedIndexVersion";
    /// <summary>A build-cache index is not valid JSON of the Database shape.</summary>
    public const string InvalidIndex = "InvalidIndex";
    /// <summary>A mirror holds no build-cache index in either layout.</summary>
    public const string IndexNotFound = "IndexNotFound";
    /// <summary>A v3 index manifest is malformed or names no index CacheMeta reads.</summary>
    public const string InvalidManifest = "InvalidManifest";
    /// <summary>-Offline was asked for and the local cache holds no copy of what is needed.</summary>
    public const string CacheEntryMissing = "CacheEntryMissing";
    /// <summary>A piped package or tag does not say where its specs are (made by hand, or from a tag list outside a site).</summary>
    public const string SourceUnknown = "SourceUnknown";
}
