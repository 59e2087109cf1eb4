namespace CacheMeta.Pages;

/// <summary>
/// The outcome of reading one page file: the page, an error, or neither when the query ruled the page
/// out. A bad page is a value, not an exception, so one broken file never stops a whole tree.
/// </summary>
internal sealed class PageResult
{
    private PageResult(string path, CachePage? page, CacheMetaException? error)
    {
        Path = path;
        Page = page;
        Error = error;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The page, when it was read and matched the query.</summary>
    public CachePage? Page { get; }

    /// <summary>Why the file could not be read, when it could not.</summary>
    public CacheMetaException? Error { get; }

    /// <summary>True when a probed file does not exist (the tree reader then lists its folder instead).</summary>
    internal bool IsMissing { get; private set; }

    internal static PageResult Read(string path, CachePage? page) => new(path, page, null);

    internal static PageResult Missing(string path) => new(path, null, null) { IsMissing = true };

    internal static PageResult Failed(string path, CacheMetaException error) => new(path, null, error);
}
