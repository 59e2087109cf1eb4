using System.IO;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

public sealed class PageLocationTests
{
    private static readonly string Site = Path.Combine(Path.GetTempPath(), "site");

    [Fact]
    public void PlacesThePageUnderCacheTagPackage()
    {
        Assert.Equal(Path.Combine(Site, "_cache", "develop-2025-03-30", "py-multidict", "specs.md"),
            PageLocation.PathFor(Site, "develop-2025-03-30", "py-multidict"));
    }

    [Theory]
    [InlineData("..", "zlib")]
    [InlineData(".", "zlib")]
    [InlineData("develop", "..")]
    [InlineData("a/b", "zlib")]
    [InlineData("develop", "x\\..\\..")]
    [InlineData("develop", "/etc")]
    [InlineData("develop", "a\0b")]
    public void RefusesNamesThatAreNotOneFolder(string tag, string package)
    {
        var error = Assert.Throws<CacheMetaException>(() => PageLocation.PathFor(Site, tag, package));

        Assert.Equal(ErrorIds.PageOutsideDestination, error.ErrorId);
        Assert.Equal(CacheErrorKind.SecurityError, error.Kind);
        Assert.Equal(Site, error.Target);
    }

    [Fact]
    public void RefusesAnEmptyName()
    {
        var error = Assert.Throws<CacheMetaException>(() => PageLocation.PathFor(Site, "", "zlib"));

        Assert.Equal(ErrorIds.InvalidPageName, error.ErrorId);
    }

    [Fact]
    public void AllowsDotsInsideANameAsTagsHaveThem()
    {
        Assert.EndsWith(Path.Combine("v0.23.1", "..a", "specs.md"), PageLocation.PathFor(Site, "v0.23.1", "..a"));
    }

    [Theory]
    [InlineData("site/_cache/develop/zlib/specs.md", "develop")]
    [InlineData("_cache/v0.23.1/zlib/specs.md", "v0.23.1")]
    [InlineData("site/_cache/zlib/index.md", null)]
    [InlineData("corpus/real/develop/zlib/specs.md", null)]
    [InlineData("site/_cache/develop/specs.md", null)]
    [InlineData("site/cache/develop/zlib/specs.md", null)]
    [InlineData("specs.md", null)]
    public void ASitesTagIsTheFolderUnderItsCacheFolder(string path, string? tag)
    {
        string native = path.Replace('/', Path.DirectorySeparatorChar);
        Assert.Equal(tag, PageLocation.SiteTagOf(native));
        Assert.Equal(tag, PageLocation.SiteTagOf(Path.Combine(Path.GetTempPath(), native)));
    }

    [Fact]
    public void PagesOfOneTagShareTheTagString()
    {
        string first = PageLocation.SiteTagOf(Path.Combine("s", "_cache", "develop", "a", "specs.md"))!;
        Assert.Same(first, PageLocation.SiteTagOf(Path.Combine("s", "_cache", "develop", "b", "specs.md"), first));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APageInASiteHasItsFoldersTagWhateverItsCategoriesSay(bool yamlOnly)
    {
        using var tree = new TempTree();
        string path = tree.Write("site/_cache/v0.23.1/zlib/specs.md", Fixtures.ZlibPage());
        var parser = new PageParser(CompiledQuery.All, packageOnly: false) { YamlOnly = yamlOnly };
        var page = parser.Parse(File.ReadAllBytes(path), path).Page!;

        Assert.Equal("v0.23.1", page.Tag);
        Assert.Equal("develop", page.CategoryTag);
        Assert.Equal("v0.23.1", page.Package.Tag);
        Assert.All(page.Specs, s => Assert.Equal("v0.23.1", s.Tag));
        var develop = new CompiledQuery(new SpecQuery { Tag = new[] { "develop" } });
        Assert.Null(new PageParser(develop, packageOnly: false) { YamlOnly = yamlOnly }.Parse(File.ReadAllBytes(path), path).Page);
    }
}
