namespace CacheMeta.Pages;

/// <summary>Builds the errors page readers report, so every message names file, line and column alike.</summary>
internal static class PageErrors
{
    public static CacheMetaException Invalid(string path, string reason, int line = 0, int column = 0) =>
        new(ErrorIds.InvalidCachePage, CacheErrorKind.InvalidData, reason, path, line, column);

    public static CacheMetaException TooLarge(string path, long size, long limit) =>
        new(ErrorIds.CachePageTooLarge, CacheErrorKind.LimitsExceeded,
            $"The file is {size:N0} bytes, over the {limit:N0}-byte limit for a cache page.", path) { Remedy = CacheRemedy.RaisePageLimit };
}
