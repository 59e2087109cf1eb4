using System;

namespace CacheMeta.Http;

/// <summary>How indexes are downloaded and cached.</summary>
internal sealed class FetchOptions
{
    /// <summary>The default <see cref="MaxDownloadBytes"/>: 2 GiB, several times the largest public index.</summary>
    public const long DefaultMaxDownloadBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The local cache folder; defaults to <see cref="LocalCache.DefaultDirectory"/>.</summary>
    public string CacheDirectory { get; set; } = LocalCache.DefaultDirectory();

    /// <summary>Use only what the cache holds; never touch the network.</summary>
    public bool Offline { get; set; }

    /// <summary>How long to wait for a response's headers.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause allowed while a body arrives.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A body larger than this is refused (DownloadTooLarge).</summary>
    public long MaxDownloadBytes { get; set; } = DefaultMaxDownloadBytes;

    /// <summary>How often a request is tried again after a 5xx answer, a timeout or a broken connection.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The pause before the first retry; it doubles with each further retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
