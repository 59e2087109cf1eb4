using System.Collections.Generic;
using System.IO;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Page files and folders of pages (searched recursively; a folder holding a page is not searched further),
/// read in parallel in a fixed order.
/// </summary>
public sealed class PageTreeSource : ICacheSource
{
    private readonly IEnumerable<string> _roots;

    /// <summary>Creates the source; <paramref name="roots"/> may be lazy (paths are resolved as they are read).</summary>
    public PageTreeSource(IEnumerable<string> roots) => _roots = roots;

    /// <inheritdoc />
    public string Description => string.Join(", ", _roots);

    /// <inheritdoc />
    public IEnumerable<PageResult> Read(CompiledQuery query, PageReadOptions options, CancellationToken cancellationToken)
    {
        var parsers = new ParserPool(query, options.PackageOnly);
        foreach (string root in _roots)
        {
            var results = File.Exists(root)
                ? PageReader.Read(new[] { root }, probe: false, parsers, options, cancellationToken)
                : PageTreeReader.Read(root, query, options, parsers, cancellationToken);
            foreach (var result in results)
            {
                yield return result;
            }
        }
    }
}
