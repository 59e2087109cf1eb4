using System;
using System.IO;
using System.Linq;
using CacheMeta.Http;

namespace CacheMeta.Tests.Support;

/// <summary>
/// What tests against the fixture server share: the server, a temporary folder holding the cache, an
/// observer, fetchers with short retry pauses, and a look at what the cache holds afterwards.
/// </summary>
public abstract class ServerTest : IDisposable
{
    internal FixtureServer Server { get; } = new();

    internal TempTree Tree { get; } = new();

    internal RecordingObserver Observer { get; } = new();

    protected string CacheDir => Path.Combine(Tree.Root, "cache");

    public void Dispose()
    {
        Server.Dispose();
        Tree.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Fetch options on the test's cache folder, with short retry pauses.</summary>
    internal FetchOptions Options(bool offline = false, Action<FetchOptions>? tune = null)
    {
        var options = new FetchOptions
        {
            CacheDirectory = CacheDir, Offline = offline, Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10), ReadTimeout = TimeSpan.FromSeconds(10),
        };
        tune?.Invoke(options);
        return options;
    }

    internal IndexFetcher Fetcher(bool offline = false, Action<FetchOptions>? tune = null) => new(Options(offline, tune), Observer);

    /// <summary>Reads one mirror address to the end.</summary>
    internal SourceRun Mirror(string address, FetchOptions? options = null) =>
        new(new CacheMeta.Sources.MirrorSource(new[] { address }, options ?? Options()), observer: Observer);

    /// <summary>Every file of the cache folder, relative, with '/' separators, sorted.</summary>
    protected string[] CachedFiles() => Directory.Exists(CacheDir)
        ? Directory.GetFiles(CacheDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(CacheDir, f).Replace('\\', '/')).OrderBy(f => f).ToArray()
        : Array.Empty<string>();

    /// <summary>The stored blobs.</summary>
    protected string[] Blobs() => CachedFiles().Where(f => f.StartsWith("blobs/", StringComparison.Ordinal)).ToArray();
}
