using System.Collections.Concurrent;
using CacheMeta.Query;

namespace CacheMeta.Pages;

/// <summary>
/// The page parsers of one read, shared by every folder of a tree. A parser owns pools of shared strings and
/// lists, the query's memo and a read buffer, none of them thread-safe: a task borrows a parser for one file
/// and gives it back, so a tree of any size warms a handful of parsers, not one per folder.
/// </summary>
internal sealed class ParserPool
{
    private readonly ConcurrentBag<PageParser> _idle = new();
    private readonly CompiledQuery _query;
    private readonly bool _packageOnly;
    private readonly Sources.ISpecSource? _origin;

    /// <summary>Parsers for one read; their specs name <paramref name="origin"/> as the source that read them.</summary>
    public ParserPool(CompiledQuery query, bool packageOnly, Sources.ISpecSource? origin = null)
    {
        _query = query;
        _packageOnly = packageOnly;
        _origin = origin;
    }

    public PageResult Read(string path, bool probe, long maxBytes)
    {
        var parser = _idle.TryTake(out var idle) ? idle : new PageParser(_query, _packageOnly, _origin);
        try
        {
            return PageReader.Read(parser, path, maxBytes, probe);
        }
        finally
        {
            _idle.Add(parser);
        }
    }
}
