using System;
using CacheMeta.IO;

namespace CacheMeta.Http;

/// <summary>A finished download in a temporary file of the cache, deleted on dispose unless committed.</summary>
internal sealed class Download : IDisposable
{
    public Download(string tempPath, FetchResult result)
    {
        TempPath = tempPath;
        Sha256 = result.Sha256;
        Length = result.Length;
        ETag = result.ETag;
    }

    public string TempPath { get; }

    public string Sha256 { get; }

    public long Length { get; }

    public string? ETag { get; }

    public void Dispose() => AtomicFile.TryDelete(TempPath); // gone already once committed
}
