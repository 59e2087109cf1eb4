using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Build caches listed by a catalog in the shape of the public <c>cache_spack_io_index.json</c>: per tag a
/// <c>root</c> index and one index per stack. The query's tags choose the tags (the <c>develop</c> tag when it
/// names none) and its stacks choose which indexes are read (see <see cref="IndexGroupReader"/>).
/// The catalog is a URL (cached and refreshed with If-None-Match) or a local file, whose relative entries
/// are taken against its folder.
/// </summary>
public sealed class CatalogSource : ICacheSource
{
    private const long MaxCatalogBytes = 64L * 1024 * 1024;

    private readonly string _address;
    private readonly IndexFetcher _fetcher;
    private readonly ISourceObserver _observer;
    private readonly bool _completeStacks;

    /// <summary>
    /// Creates the source. With <paramref name="completeStacks"/> every stack index of a tag is read so that
    /// each spec's Stacks are complete; otherwise only the indexes that can hold matching specs are read.
    /// </summary>
    public CatalogSource(string address, IndexFetcher fetcher, ISourceObserver? observer = null, bool completeStacks = false)
    {
        _address = address;
        _fetcher = fetcher;
        _observer = observer ?? NullSourceObserver.Instance;
        _completeStacks = completeStacks;
    }

    /// <inheritdoc />
    public string Description => _address;

    /// <inheritdoc />
    public IEnumerable<PageResult> Read(CompiledQuery query, PageReadOptions options, CancellationToken cancellationToken)
    {
        var catalog = Load(cancellationToken, out string? baseFolder, out var failure);
        if (catalog is null)
        {
            yield return failure!;
            yield break;
        }

        var problems = new List<PageResult>();
        var tags = SelectTags(catalog, query, problems);
        CheckStacks(catalog, tags, query, problems);
        foreach (var problem in problems)
        {
            yield return problem;
        }

        var reader = new IndexGroupReader(_fetcher, _observer);
        foreach (string tag in tags)
        {
            var group = new List<LabelledIndex>();
            foreach (var entry in catalog.EntriesOf(tag))
            {
                var index = LabelledIndex.Create(entry.Label, entry.Url, baseFolder, ErrorIds.InvalidCatalog, out var error);
                if (index is null)
                {
                    yield return error!;
                }
                else
                {
                    group.Add(index);
                }
            }

            _observer.Verbose($"Tag '{tag}': {group.Count} indexes listed.");
            foreach (var result in reader.Read(tag, group, query, options.PackageOnly, _completeStacks, cancellationToken))
            {
                yield return result;
            }
        }
    }

    private Catalog? Load(CancellationToken cancellationToken, out string? baseFolder, out PageResult? failure)
    {
        baseFolder = null;
        failure = null;
        string address = _address.StartsWith(Index.IndexLocation.PublicBucket, StringComparison.Ordinal)
            ? Index.IndexLocation.PublicBucketHttp + _address.Substring(Index.IndexLocation.PublicBucket.Length)
            : _address;
        try
        {
            byte[] content;
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                content = _fetcher.FetchDocument(uri, MaxCatalogBytes, cancellationToken);
            }
            else
            {
                string path = Path.GetFullPath(uri is { IsFile: true } ? uri.LocalPath : address);
                baseFolder = Path.GetDirectoryName(path);
                content = ReadFile(path);
            }

            return Catalog.Parse(content, _address);
        }
        catch (CacheMetaException ex)
        {
            failure = PageResult.Failed(_address, ex);
            return null;
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxCatalogBytes)
            {
                throw new CacheMetaException(ErrorIds.DownloadTooLarge, CacheErrorKind.LimitsExceeded,
                    $"The catalog is larger than {MaxCatalogBytes:N0} bytes.", path);
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CacheMetaException(ErrorIds.PathNotFound, CacheErrorKind.ObjectNotFound, "The catalog file does not exist.", path, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CacheMetaException(ErrorIds.FileReadFailed, CacheErrorKind.ResourceUnavailable, "The catalog could not be read: " + ex.Message, path, innerException: ex);
        }
    }

    // The tags the query names (develop when it names none); a tag named without wildcards must exist.
    private List<string> SelectTags(Catalog catalog, CompiledQuery query, List<PageResult> problems)
    {
        var wanted = query.TagValues ?? new[] { Catalog.DefaultTag };
        foreach (string value in wanted)
        {
            if (!Wildcard.ContainsWildcard(value) && !catalog.Tags.Any(t => string.Equals(t, Unescape(value), StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(PageResult.Failed(_address, new CacheMetaException(ErrorIds.TagNotFound, CacheErrorKind.ObjectNotFound,
                    $"The catalog has no tag '{value}'. It has: {Sample(catalog.Tags)}.", _address)));
            }
        }

        return query.TagValues is null
            ? catalog.Tags.Where(t => t == Catalog.DefaultTag).ToList()
            : catalog.Tags.Where(query.MatchesTag).ToList();
    }

    // A stack named without wildcards that none of the chosen tags has is most likely a typing error.
    private void CheckStacks(Catalog catalog, List<string> tags, CompiledQuery query, List<PageResult> problems)
    {
        if (query.StackValues is null || tags.Count == 0)
        {
            return;
        }

        var labels = tags.SelectMany(t => catalog.EntriesOf(t)).Select(e => e.Label).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (string value in query.StackValues)
        {
            if (!Wildcard.ContainsWildcard(value) && !labels.Contains(Unescape(value), StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(PageResult.Failed(_address, new CacheMetaException(ErrorIds.StackNotFound, CacheErrorKind.ObjectNotFound,
                    $"No chosen tag ({string.Join(", ", tags)}) has a stack '{value}'. Stacks: {Sample(labels)}.", _address)));
            }
        }
    }

    private static string Unescape(string literal) => new Wildcard(literal).Literal ?? literal;

    private static string Sample(IReadOnlyCollection<string> names) =>
        names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $" and {names.Count - 12} more";
}
