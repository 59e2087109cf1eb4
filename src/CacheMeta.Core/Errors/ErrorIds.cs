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
    /// <summary>A catalog (cache_spack_io_index.json) is malformed.</summary>
    public const string InvalidCatalog = "InvalidCatalog";
    /// <summary>-Offline was asked for and the local cache holds no copy of what is needed.</summary>
    public const string CacheEntryMissing = "CacheEntryMissing";
    /// <summary>A tag named without wildcards is not in the catalog.</summary>
    public const string TagNotFound = "TagNotFound";
    /// <summary>A stack named without wildcards is in none of the selected tags.</summary>
    public const string StackNotFound = "StackNotFound";
}
