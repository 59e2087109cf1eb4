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
}
