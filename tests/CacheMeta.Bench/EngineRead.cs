using System;
using System.Diagnostics;
using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Bench;

/// <summary>The engine alone answering (a): the page tree read with the query, no PowerShell around it.</summary>
internal static class EngineRead
{
    public static (double Milliseconds, long Specs) Measure(string root, int threads)
    {
        var query = new CompiledQuery(new SpecQuery { Stack = new[] { "e4s" }, Target = new[] { "x86_64_v3" } });
        var options = new PageReadOptions { MaxParallelism = threads };
        var clock = Stopwatch.StartNew();
        long specs = PageReader.ReadFiles(PageFiles.Find(root, query), query, options).Sum(r => (long)(r.Page?.Specs.Count ?? 0));
        return (clock.Elapsed.TotalMilliseconds, specs);
    }
}
