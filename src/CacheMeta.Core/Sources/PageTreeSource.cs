using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CacheMeta.Aggregation;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Text;

namespace CacheMeta.Sources;

/// <summary>
/// Page files and folders of pages (searched recursively; a folder holding a page is not searched further),
/// read in parallel in a fixed order. The one source that also yields pages, for the page audit.
/// </summary>
internal sealed class PageTreeSource : ISpecSource
{
    private readonly long _maxPageBytes;
    private readonly int _maxParallelism;

    /// <summary>
    /// Creates the source over absolute paths. Pages over <paramref name="maxPageBytes"/> are reported, not read;
    /// <paramref name="maxParallelism"/> files are parsed at once (0: one per processor).
    /// </summary>
    public PageTreeSource(IReadOnlyList<string> roots, long maxPageBytes = PageReadOptions.DefaultMaxPageBytes, int maxParallelism = 0)
    {
        Roots = roots;
        _maxPageBytes = maxPageBytes;
        _maxParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount;
    }

    /// <summary>The files and folders read.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <inheritdoc />
    public bool ReadsIndexes => false;

    /// <summary>The pages the query matches, each with the specs that passed it.</summary>
    public IEnumerable<SourceResult<CachePage>> ReadPages(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken)
    {
        foreach (var result in Read(query, packageOnly: false, observer, cancellationToken))
        {
            if (result.Error is not null)
            {
                yield return SourceResult<CachePage>.Failed(result.Error);
            }
            else if (result.Page is not null)
            {
                yield return SourceResult<CachePage>.Of(result.Page);
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<SourceResult<CacheSpec>> ReadSpecs(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken)
    {
        foreach (var result in Read(query, packageOnly: false, observer, cancellationToken))
        {
            if (result.Error is not null)
            {
                yield return SourceResult<CacheSpec>.Failed(result.Error);
                continue;
            }

            var specs = result.Page?.Specs;
            for (int i = 0; specs is not null && i < specs.Count; i++)
            {
                yield return SourceResult<CacheSpec>.Of(specs[i]);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>A page's package reopens as that page file alone.</remarks>
    public IEnumerable<SourceResult<CachePackage>> ReadPackages(CompiledQuery query, ISourceObserver observer, CancellationToken cancellationToken)
    {
        // Only names and tags asked for: the page's meta answers, and no spec object is built.
        bool fromSpecs = query.HasSpecCriteria;
        foreach (var result in Read(query, packageOnly: !fromSpecs, observer, cancellationToken))
        {
            if (result.Error is not null)
            {
                yield return SourceResult<CachePackage>.Failed(result.Error);
                continue;
            }

            var page = result.Page;
            if (page is null || (fromSpecs && page.Specs.Count == 0))
            {
                continue;
            }

            var package = fromSpecs ? PackageSummary.Compute(page.Title, page.Tag, page.Specs, page.Path) : page.Package;
            package.Origin = new PageTreeSource(new[] { page.Path }, _maxPageBytes, _maxParallelism);
            yield return SourceResult<CachePackage>.Of(package);
        }
    }

    /// <summary>The progress activity of the folder search.</summary>
    internal const string SearchActivity = "Searching folders for cache pages";

    private IEnumerable<PageResult> Read(CompiledQuery query, bool packageOnly, ISourceObserver observer, CancellationToken cancellationToken)
    {
        var options = new PageReadOptions { MaxPageBytes = _maxPageBytes, PackageOnly = packageOnly, MaxParallelism = _maxParallelism };
        var parsers = new ParserPool(query, packageOnly, this);
        foreach (string root in Roots)
        {
            if (File.Exists(root))
            {
                foreach (var result in PageReader.Read(new[] { root }, probe: false, parsers, options, cancellationToken))
                {
                    yield return result;
                }

                continue;
            }

            if (!Directory.Exists(root))
            {
                yield return PageResult.Failed(root, new CacheMetaException(ErrorIds.PathNotFound, CacheErrorKind.ObjectNotFound,
                    "The path does not exist.", root));
                continue;
            }

            var tree = new PageTreeReader(query, options, parsers, cancellationToken)
            {
                Searching = (folder, count) => observer.Progress(new SourceProgress(SearchActivity, folder, count, null)
                {
                    Status = $"{Plural.Count(count, "folder")} searched",
                }),
            };
            foreach (var result in tree.Read(root))
            {
                yield return result;
            }

            observer.Progress(new SourceProgress(SearchActivity, root, tree.FoldersSearched, null, completed: true));
            observer.Verbose($"'{root}': {Plural.Count(tree.FoldersSearched, "folder")} searched, {Plural.Count(tree.PagesFound, "page")} read"
                + (tree.FoldersRuledOut > 0 ? $", {Plural.Count(tree.FoldersRuledOut, "folder")} ruled out by the tags or names asked for." : "."));

            if (tree.PagesFound == 0 && tree.FoldersRuledOut == 0)
            {
                observer.Warning(NoPages(root));
            }
        }
    }

    // A folder with no page at all is most likely the wrong folder; a build cache and a site's _data folder are
    // the usual mix-ups.
    private static string NoPages(string root)
    {
        if (FolderCheck.YamlDataNotPages(root) is { } yamlData)
        {
            return yamlData;
        }

        string message = $"'{root}' holds no cache pages: no {PageFiles.PageFileName} anywhere below it.";
        bool buildCache = Directory.Exists(Path.Combine(root, "build_cache")) || Directory.Exists(Path.Combine(root, "v3"));
        return buildCache ? message + " It looks like a build cache (it has build_cache/ or v3/), which is read as a mirror." : message;
    }
}
