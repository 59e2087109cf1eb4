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
/// the order.
/// </summary>
internal static class PageTreeReader
{
    public static IEnumerable<PageResult> Read(string folder, CompiledQuery query, PageReadOptions options,
        ParserPool parsers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var listing = PageFiles.List(folder);
        string? page = PageFiles.PageOf(folder, listing);
        if (page is not null)
        {
            yield return parsers.Read(page, probe: false, options.MaxPageBytes);
            yield break;
        }

        var probes = PageFiles.Subfolders(folder, listing, query).Select(sub => Path.Combine(sub, PageFiles.PageFileName));
        foreach (var result in PageReader.Read(probes, probe: true, parsers, options, cancellationToken))
        {
            if (!result.IsMissing)
            {
                yield return result;
                continue;
            }

            foreach (var inner in Read(Path.GetDirectoryName(result.Path)!, query, options, parsers, cancellationToken))
            {
                yield return inner;
            }
        }
    }
}
