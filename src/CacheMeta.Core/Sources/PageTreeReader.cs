using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Reads the pages under a folder in the order <see cref="PageFiles.Find"/> lists them, without listing every
/// package folder first. A site holds thousands of package folders, each with just its specs.md; listing each
/// one costs several system calls on the reading thread, while the parsing workers open the file anyway. So a
/// folder's subfolders are read as probes of <c>&lt;subfolder&gt;/specs.md</c>, in parallel, and only a
/// subfolder without one (a tag folder, the _cache folder) is listed and searched in turn, in its place in
/// the order. One reader per folder read; it counts what it found, so an empty tree can be told from one the
/// query ruled out.
/// </summary>
internal sealed class PageTreeReader
{
    private readonly CompiledQuery _query;
    private readonly PageReadOptions _options;
    private readonly ParserPool _parsers;
    private readonly CancellationToken _cancellationToken;

    public PageTreeReader(CompiledQuery query, PageReadOptions options, ParserPool parsers, CancellationToken cancellationToken)
    {
        _query = query;
        _options = options;
        _parsers = parsers;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Page files found (read, or failed to read) so far.</summary>
    public int PagesFound { get; private set; }

    /// <summary>Folders not entered because the query rules out their tag or package.</summary>
    public int FoldersRuledOut { get; private set; }

    /// <summary>Folders listed in the search (package folders are probed for their page instead, and not counted).</summary>
    public int FoldersSearched { get; private set; }

    /// <summary>Called with each folder listed and the count so far: a tree of empty folders shows progress too.</summary>
    public System.Action<string, int>? Searching { get; set; }

    public IEnumerable<PageResult> Read(string folder)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var listing = PageFiles.List(folder);
        string? page = PageFiles.PageOf(folder, listing);
        if (page is not null)
        {
            PagesFound++;
            yield return _parsers.Read(page, probe: false, _options.MaxPageBytes);
            yield break;
        }

        Searching?.Invoke(folder, ++FoldersSearched);
        var subfolders = PageFiles.Subfolders(folder, listing, _query, out int ruledOut);
        FoldersRuledOut += ruledOut;
        var probes = subfolders.Select(sub => Path.Combine(sub, PageFiles.PageFileName));
        foreach (var result in PageReader.Read(probes, probe: true, _parsers, _options, _cancellationToken))
        {
            if (!result.IsMissing)
            {
                PagesFound++;
                yield return result;
                continue;
            }

            foreach (var inner in Read(Path.GetDirectoryName(result.Path)!))
            {
                yield return inner;
            }
        }
    }
}
