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
    /// <summary>A -Spec value is not valid Spack spec syntax, or asks about what cache pages do not record.</summary>
    public const string InvalidSpecSyntax = "InvalidSpecSyntax";
    /// <summary>A tag list (the site's _data/tags.yaml) is malformed.</summary>
    public const string InvalidTagList = "InvalidTagList";
    /// <summary>A catalog of tags and stacks (cache_spack_io_index.json) is malformed.</summary>
    public const string InvalidCatalog = "InvalidCatalog";
}
