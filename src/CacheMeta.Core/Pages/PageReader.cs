using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using CacheMeta.Query;

namespace CacheMeta.Pages;

/// <summary>How pages are read.</summary>
internal sealed class PageReadOptions
{
    /// <summary>The default <see cref="MaxPageBytes"/>: 32 MiB, well above the largest real page.</summary>
    public const long DefaultMaxPageBytes = 32L * 1024 * 1024;

    /// <summary>A page file larger than this is reported (<c>CachePageTooLarge</c>) and not read.</summary>
    public long MaxPageBytes { get; set; } = DefaultMaxPageBytes;

    /// <summary>Only the package summaries are wanted: spec records are checked but no spec objects are built.</summary>
    public bool PackageOnly { get; set; }

    /// <summary>How many files are parsed at once; defaults to the processor count.</summary>
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;
}

/// <summary>
/// Reads page files. <see cref="ReadFiles"/> streams: it parses up to a few files per core ahead of the
/// consumer, in parallel, and yields results strictly in input order, so output is deterministic, the
/// first result arrives as soon as the first file is parsed, and memory stays bounded however large the tree.
/// </summary>
internal static class PageReader
{
    /// <summary>
    /// How many files each worker may be ahead of the consumer. Page sizes are heavy-tailed (a few packages have
    /// hundreds of specs): a short window leaves workers idle behind one big page while the consumer writes objects.
    /// </summary>
    internal const int FilesAheadPerWorker = 32;

    /// <summary>Reads one page file.</summary>
    public static PageResult ReadFile(string path, CompiledQuery? query = null, PageReadOptions? options = null)
    {
        options ??= new PageReadOptions();
        return Read(new PageParser(query ?? CompiledQuery.All, options.PackageOnly), path, options.MaxPageBytes);
    }

    /// <summary>Reads page bytes already in memory (a download, a test fixture).</summary>
    public static PageResult ReadBytes(ReadOnlySpan<byte> content, string path, CompiledQuery? query = null, bool packageOnly = false) =>
        new PageParser(query ?? CompiledQuery.All, packageOnly).Parse(content, path);

    /// <summary>Reads many files in parallel, yielding results in the order of <paramref name="files"/>.</summary>
    public static IEnumerable<PageResult> ReadFiles(IEnumerable<string> files, CompiledQuery? query = null,
        PageReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PageReadOptions();
        query ??= CompiledQuery.All;
        return Read(files, probe: false, new ParserPool(query, options.PackageOnly), options, cancellationToken);
    }

    /// <summary>
    /// Reads files in order with the parsers of <paramref name="parsers"/>. With <paramref name="probe"/>, a path
    /// that does not exist is not an error but a <see cref="PageResult.IsMissing"/> result: the tree reader asks
    /// for <c>&lt;folder&gt;/specs.md</c> of every subfolder without listing each one first.
    /// </summary>
    internal static IEnumerable<PageResult> Read(IEnumerable<string> files, bool probe, ParserPool parsers,
        PageReadOptions options, CancellationToken cancellationToken) =>
        options.MaxParallelism <= 1
            ? ReadSequentially(files, probe, parsers, options, cancellationToken)
            : ReadInParallel(files, probe, parsers, options, cancellationToken);

    private static IEnumerable<PageResult> ReadSequentially(IEnumerable<string> files, bool probe, ParserPool parsers,
        PageReadOptions options, CancellationToken cancellationToken)
    {
        foreach (string file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return parsers.Read(file, probe, options.MaxPageBytes);
        }
    }

    private static IEnumerable<PageResult> ReadInParallel(IEnumerable<string> files, bool probe, ParserPool parsers,
        PageReadOptions options, CancellationToken cancellationToken)
    {
        var window = new Queue<Task<PageResult>>();
        int windowSize = options.MaxParallelism * FilesAheadPerWorker;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (string file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path = file;
                window.Enqueue(Task.Run(() => parsers.Read(path, probe, options.MaxPageBytes), stop.Token));

                // Hand over finished results at once (first object early); wait only when the window is full.
                while (window.Count > 0 && (window.Count >= windowSize || window.Peek().IsCompleted))
                {
                    yield return Await(window.Dequeue(), cancellationToken);
                }
            }

            while (window.Count > 0)
            {
                yield return Await(window.Dequeue(), cancellationToken);
            }
        }
        finally
        {
            // The consumer stopped early (Select-Object -First, Ctrl+C): abandon the files not yet started.
            stop.Cancel();
        }
    }

    private static PageResult Await(Task<PageResult> task, CancellationToken cancellationToken)
    {
        // Task.Wait does not look at the token when the task is already done: check it here, so Ctrl+C
        // stops the output even when the parsing is ahead of the consumer.
        cancellationToken.ThrowIfCancellationRequested();
        if (!task.IsCompleted)
        {
            // Block without spinning first (as Task.Wait does): with two cores, a spinning consumer takes
            // the time the parsers need.
            WaitHandle.WaitAny(new[] { ((IAsyncResult)task).AsyncWaitHandle, cancellationToken.WaitHandle });
            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            return task.Result;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
    }

    internal static PageResult Read(PageParser parser, string path, long maxBytes, bool probe = false)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 1, FileOptions.SequentialScan);
            long length = stream.Length;
            if (length > maxBytes)
            {
                return PageResult.Failed(path, PageErrors.TooLarge(path, length, maxBytes));
            }

            // Read what the length says, in as few calls as the system needs: a call to confirm the end of
            // the file would be one more system call per page. A page that grows while it is read is read as
            // it was (and one that shrinks, to its new end).
            byte[] buffer = parser.Buffer((int)length);
            int total = 0, read;
            while (total < length && (read = stream.Read(buffer, total, (int)length - total)) > 0)
            {
                total += read;
            }

            return parser.Parse(new ReadOnlySpan<byte>(buffer, 0, total), path);
        }
        catch (Exception ex) when (probe && ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return PageResult.Missing(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var kind = ex is FileNotFoundException or DirectoryNotFoundException ? CacheErrorKind.ObjectNotFound : CacheErrorKind.ResourceUnavailable;
            ErrorId id = kind == CacheErrorKind.ObjectNotFound ? ErrorIds.PathNotFound : ErrorIds.FileReadFailed;
            return PageResult.Failed(path, new CacheMetaException(id, kind, "The file could not be read: " + ex.Message, path, innerException: ex));
        }
    }
}
