using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Sources;

/// <summary>The probing tree reader must read exactly the pages PageFiles.Find lists, in the same order.</summary>
public sealed class PageTreeSourceTests
{
    private static TempTree AwkwardTree()
    {
        var tree = new TempTree();
        string page = Fixtures.ZlibPage();
        foreach (string path in new[]
        {
            "_cache/develop/zlib/specs.md", "_cache/develop/cmake/specs.md", "_cache/develop/cmake/nested/specs.md",
            "_cache/develop/empty/readme.txt", "_cache/develop/deeper/one/specs.md", "_cache/develop/deeper/two/specs.md",
            "_cache/v0.23.1/zlib/specs.md", "_cache/old/index.md", "_cache/.hidden/specs.md", "loose/specs.md",
            "a/b/c/d/specs.md", "specs-elsewhere/not-a-page.md",
        })
        {
            tree.Write(path, page);
        }

        Directory.CreateDirectory(Path.Combine(tree.Root, "_cache", "develop", "no-files"));
        return tree;
    }

    private static string[] ReadPaths(string root, CompiledQuery query, int parallelism) =>
        new PageTreeSource(new[] { root }, maxParallelism: parallelism)
            .ReadPages(query, new RecordingObserver(), CancellationToken.None)
            .Select(r => Path.GetRelativePath(root, r.Value?.Path ?? r.Error!.Target!).Replace('\\', '/'))
            .ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ReadsWhatFindListsInTheSameOrder(int parallelism)
    {
        using var tree = AwkwardTree();
        string[] listed = PageFiles.Find(tree.Root).Select(p => Path.GetRelativePath(tree.Root, p).Replace('\\', '/')).ToArray();

        Assert.Equal(new[]
        {
            "_cache/develop/cmake/specs.md", "_cache/develop/deeper/one/specs.md", "_cache/develop/deeper/two/specs.md",
            "_cache/develop/zlib/specs.md", "_cache/old/index.md", "_cache/v0.23.1/zlib/specs.md", "a/b/c/d/specs.md",
            "loose/specs.md",
        }, listed);
        Assert.Equal(listed, ReadPaths(tree.Root, CompiledQuery.All, parallelism));
    }

    [Fact]
    public void AFolderHoldingAPageIsNotSearchedFurther()
    {
        using var tree = AwkwardTree();
        Assert.DoesNotContain("_cache/develop/cmake/nested/specs.md", ReadPaths(tree.Root, CompiledQuery.All, 2));
        Assert.Equal(new[] { "specs.md" }, ReadPaths(Path.Combine(tree.Root, "_cache", "develop", "cmake"), CompiledQuery.All, 2));
    }

    [Fact]
    public void FoldersTheQueryRulesOutAreNotRead()
    {
        using var tree = AwkwardTree();
        var query = new CompiledQuery(new SpecQuery { Tag = new[] { "develop" }, Name = new[] { "z*", "deeper" } });

        Assert.Equal(new[] { "_cache/develop/deeper/one/specs.md", "_cache/develop/deeper/two/specs.md", "_cache/develop/zlib/specs.md" },
            ReadPaths(tree.Root, query, 2).Where(p => p.StartsWith("_cache/", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void AnUnreadablePageIsStillAnErrorNotAMissingPage()
    {
        using var tree = AwkwardTree();
        tree.Write("_cache/develop/broken/specs.md", "not a page");
        var results = new PageTreeSource(new[] { tree.Root }, maxParallelism: 2)
            .ReadPages(CompiledQuery.All, new RecordingObserver(), CancellationToken.None).ToList();

        var broken = Assert.Single(results, r => r.Error is not null);
        Assert.EndsWith("broken/specs.md", broken.Error!.Target!.Replace('\\', '/'));
        Assert.Equal(ErrorIds.InvalidCachePage, broken.Error!.ErrorId);
        Assert.Equal(8, results.Count(r => r.Value is not null));
    }
}
