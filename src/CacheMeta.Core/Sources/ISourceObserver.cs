namespace CacheMeta.Sources;

/// <summary>
/// What a source tells its caller while it reads, besides results: warnings (a skipped index record),
/// verbose notes (a cache hit, a download) and progress in bytes. Sources call it on the thread that
/// enumerates their results, so a cmdlet can write these straight to its streams.
/// </summary>
internal interface ISourceObserver
{
    /// <summary>Something the user should know that does not stop the reading.</summary>
    void Warning(string message);

    /// <summary>A detail for -Verbose.</summary>
    void Verbose(string message);

    /// <summary>Bytes moved so far in a download or an index read, or other work with its own <see cref="SourceProgress.Status"/>.</summary>
    void Progress(SourceProgress progress);
}

/// <summary>Progress of one download or index read.</summary>
internal sealed class SourceProgress
{
    /// <summary>Creates a progress report.</summary>
    public SourceProgress(string activity, string target, long bytes, long? totalBytes, bool completed = false)
    {
        Activity = activity;
        Target = target;
        Bytes = bytes;
        TotalBytes = totalBytes;
        Completed = completed;
    }

    /// <summary>What is being done: "Downloading" or "Reading index".</summary>
    public string Activity { get; }

    /// <summary>The URL or file.</summary>
    public string Target { get; }

    /// <summary>Bytes done.</summary>
    public long Bytes { get; }

    /// <summary>Bytes in all, when known.</summary>
    public long? TotalBytes { get; }

    /// <summary>True on the last report of this activity.</summary>
    public bool Completed { get; }

    /// <summary>The status to show instead of bytes, for work counted in other units (folders searched).</summary>
    public string? Status { get; set; }
}

/// <summary>An observer that ignores everything.</summary>
internal sealed class NullSourceObserver : ISourceObserver
{
    /// <summary>The instance.</summary>
    public static readonly NullSourceObserver Instance = new();

    /// <inheritdoc />
    public void Warning(string message)
    {
    }

    /// <inheritdoc />
    public void Verbose(string message)
    {
    }

    /// <inheritdoc />
    public void Progress(SourceProgress progress)
    {
    }
}
