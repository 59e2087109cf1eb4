using System;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

public sealed class PageReaderTests
{
    private static TempTree Tree(int pages, int badAt = -1)
    {
        var tree = new TempTree();
        for (int i = 0; i < pages; i++)
        {
            string text = i == badAt ? "no front matter" : Fixtures.Page($"p{i:d4}", "develop", Fixtures.Zlib.Take(1 + (i % 4)));
            tree.Write($"_cache/develop/p{i:d4}/specs.md", text);
        }

        return tree;
    }

    [Fact]
    public void ParallelReadingYieldsTheSameResultsInTheSameOrderAsSequential()
    {
        using var tree = Tree(200, badAt: 57);
        var files = PageFiles.Find(tree.Root).ToList();

        var parallel = PageReader.ReadFiles(files, options: new PageReadOptions { MaxParallelism = 4 }).ToList();
        var sequential = PageReader.ReadFiles(files, options: new PageReadOptions { MaxParallelism = 1 }).ToList();

        Assert.Equal(files, parallel.Select(r => r.Path));
        Assert.Equal(sequential.Select(r => r.Path), parallel.Select(r => r.Path));
        Assert.Equal(sequential.Select(r => r.Page?.Specs.Count), parallel.Select(r => r.Page?.Specs.Count));
        Assert.Equal(57, parallel.FindIndex(r => r.Error is not null));
        Assert.Equal(199, parallel.Count(r => r.Page is not null));
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i != 57).Sum(i => 1 + i % 4), parallel.Sum(r => r.Page?.Specs.Count ?? 0));
    }

    [Fact]
    public void StoppingEarlyLeavesTheRestUnread()
    {
        int ahead = 2 * PageReader.FilesAheadPerWorker;
        using var tree = Tree(ahead * 2);
        var files = PageFiles.Find(tree.Root).ToList();
        int listed = 0;
        var counted = files.Select(f => { listed++; return f; });

        var first = PageReader.ReadFiles(counted, options: new PageReadOptions { MaxParallelism = 2 }).First();

        // The reader runs at most the window ahead of the consumer, never through the whole list.
        Assert.Equal("p0000", first.Page!.Title);
        Assert.True(listed <= ahead + 1, $"listed {listed} of {files.Count} files before the first result");
    }

    [Fact]
    public void CancellationStopsTheReading()
    {
        using var tree = Tree(20);
        using var cancel = new CancellationTokenSource();
        var results = PageReader.ReadFiles(PageFiles.Find(tree.Root), options: new PageReadOptions { MaxParallelism = 2 }, cancellationToken: cancel.Token);

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in results)
            {
                cancel.Cancel();
            }
        });
    }

    [Fact]
    public void QueryFiltersAcrossFiles()
    {
        using var tree = Tree(8);
        var query = new CompiledQuery(new SpecQuery { Stack = new[] { "e4s" } });
        var specs = PageReader.ReadFiles(PageFiles.Find(tree.Root), query).SelectMany(r => r.Page!.Specs).ToList();

        // Page i holds the first 1 + i % 4 fixture specs; fixture specs 0 and 3 are in e4s.
        Assert.Equal(Enumerable.Range(0, 8).Sum(i => (1 + i % 4) >= 4 ? 2 : 1), specs.Count);
        Assert.All(specs, s => Assert.Contains("e4s", s.Stacks));
    }
}
