using System.IO;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using CacheMeta.Text;
using Xunit;

namespace CacheMeta.Tests.Pages;

public sealed class FolderCheckTests
{
    [Fact]
    public void SaysWhatADataFolderHoldsWhenPagesWereExpected()
    {
        using var tree = new TempTree();
        tree.Write("site/_data/tags.yaml", "- develop\n");
        tree.Write("site/_data/stacks.yml", "[]\n");
        tree.Write("site/_cache/develop/zlib/specs.md", "---\n---");
        string data = Path.Combine(tree.Root, "site", "_data");
        Assert.Equal($"'{data}' holds YAML data (stacks.yml, tags.yaml), not cache pages: give the site folder (the one with _cache), "
            + "its _cache folder, a tag folder or specs.md files. The site's tag list is read by Get-CacheTag.", FolderCheck.YamlDataNotPages(data));
        Assert.Null(FolderCheck.YamlDataNotPages(Path.Combine(tree.Root, "site")));
        Assert.Null(FolderCheck.YamlDataNotPages(Path.Combine(tree.Root, "site", "_cache", "develop", "zlib")));
        Assert.Null(FolderCheck.YamlDataNotPages(Path.Combine(tree.Root, "missing")));
    }

    [Fact]
    public void SaysThatADestinationIsAFile()
    {
        using var tree = new TempTree();
        string file = tree.Write("notes.txt", "x");
        var error = FolderCheck.FileWhereSiteFolderGoes(file);
        Assert.Same(ErrorIds.DestinationIsFile, error!.ErrorId);
        Assert.Equal(file, error.Target);
        Assert.Equal("The destination is a file; it must be the site folder that _cache/<tag>/<package>/specs.md pages go in.", error.Reason);

        var below = FolderCheck.FileWhereSiteFolderGoes(Path.Combine(file, "site"));
        Assert.Equal($"The destination cannot be made: '{file}' is a file, not a folder.", below!.Reason);
        Assert.Null(FolderCheck.FileWhereSiteFolderGoes(Path.Combine(tree.Root, "new", "site")));
        Assert.Null(FolderCheck.FileWhereSiteFolderGoes(tree.Root));
    }

    [Theory]
    [InlineData(1, "1 entry")]
    [InlineData(0, "0 entries")]
    [InlineData(2048, "2,048 entries")]
    public void CountsAgreeWithTheirWord(long count, string expected)
    {
        using var culture = new InvariantCultureScope();
        Assert.Equal(expected, Plural.Count(count, "entry", "entries"));
        Assert.Equal(count == 1 ? "1 byte" : expected.Replace("entries", "bytes"), Plural.Count(count, "byte"));
    }

    private sealed class InvariantCultureScope : System.IDisposable
    {
        private readonly System.Globalization.CultureInfo _saved = System.Globalization.CultureInfo.CurrentCulture;

        public InvariantCultureScope() => System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = _saved;
    }
}
