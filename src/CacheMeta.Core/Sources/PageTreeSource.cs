using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>Page files and folders of pages (searched recursively), read in parallel in a fixed order.</summary>
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
        var files = _roots.SelectMany(root => File.Exists(root) ? new[] { root } : PageFiles.Find(root, query, cancellationToken));
        return PageReader.ReadFiles(files, query, options, cancellationToken);
    }
}
