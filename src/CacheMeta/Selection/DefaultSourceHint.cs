using CacheMeta.Http;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Selection;

/// <summary>
/// When the source nobody named cannot be reached (no network), says why it was read and what reads without the
/// network: a user who never typed a URL should not be left with a bare download error.
/// </summary>
internal static class DefaultSourceHint
{
    public static CacheMetaException Explain(CacheMetaException error, SourceSelection selection)
    {
        if (!selection.IsDefault || selection.Kind != SourceKind.Catalog || error.ErrorId != ErrorIds.DownloadFailed
            || error.Kind != CacheErrorKind.ResourceUnavailable)
        {
            return error;
        }

        string catalog = selection.Addresses[0];
        string which = catalog == Catalog.PublicUrl
            ? $"the public cache's catalog ({catalog})"
            : $"the catalog in $env:{Catalog.UrlVariable} ({catalog})";
        string reason = $"No source was given, so {which} was read, and that failed: {error.Reason} "
            + $"To work without the network, name a source: -Path for cache pages, -Mirror for a build cache's folder, "
            + $"$env:{SourceSelection.PathVariable} for a default folder of pages, or -Offline to read the indexes downloaded earlier "
            + $"into the cache folder ({LocalCache.DefaultDirectory()}).";
        return new CacheMetaException(error.ErrorId, error.Kind, reason, error.Target, error.Line, error.Column, error);
    }
}
