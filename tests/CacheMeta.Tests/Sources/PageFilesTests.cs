using System.IO;
using System.Linq;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Sources;

public sealed class PageFilesTests
{
    private static TempTree Site()
    {
        var tree = new TempTree();
        foreach (string page in new[] { "_cache/develop/zlib/specs.md", "_cache/develop/cmake/specs.md", "_cache/v0.23.1/zlib/specs.md",
                     "_cache/develop/Zeta/specs.md", "_cache/old/index.md", "_cache/swig/index.md", "other/index.md", ".git/specs.md",
                     "_cache/develop/zlib/notes.md" })
        {
            tree.Write(page, Fixtures.ZlibPage());
        }

        return tree;
    }

    private static string[] Relative(TempTree tree, CompiledQuery? query = null) =>
        PageFiles.Find(tree.Root, query).Select(p => Path.GetRelativePath(tree.Root, p).Replace('\\', '/')).ToArray();

    [Fact]
    public void ListsPagesDepthFirstInOrdinalOrder()
    {
        using var tree = Site();
        Assert.Equal(new[]
        {
            "_cache/develop/Zeta/specs.md", "_cache/develop/cmake/specs.md", "_cache/develop/zlib/specs.md",
            "_cache/old/index.md", "_cache/swig/index.md", "_cache/v0.23.1/zlib/specs.md",
        }, Relative(tree));
    }

    [Fact]
    public void SkipsTagAndPackageFoldersTheQueryRulesOut()
    {
        using var tree = Site();
        var query = new CompiledQuery(new SpecQuery { Tag = new[] { "develop" }, Name = new[] { "z*" } });
        Assert.Equal(new[] { "_cache/develop/Zeta/specs.md", "_cache/develop/zlib/specs.md" }, Relative(tree, query));
    }

    [Fact]
    public void DoesNotFollowLinkedFolders()
    {
        using var tree = Site();
        // A link back up the tree would make the walk endless if it were followed.
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "_cache", "develop", "zlib", "loop"), tree.Root);
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "linked-develop"), Path.Combine(tree.Root, "_cache", "develop"));

        Assert.Equal(6, Relative(tree).Length);
    }

    [Fact]
    public void IsLazy()
    {
        using var tree = Site();
        using var files = PageFiles.Find(tree.Root).GetEnumerator();
        Assert.True(files.MoveNext());
        Directory.Delete(Path.Combine(tree.Root, "_cache", "v0.23.1"), recursive: true);
        Assert.Equal(5, 1 + Enumerable.Range(0, 10).TakeWhile(_ => files.MoveNext()).Count());
    }
}
