using System.IO;
using CacheMeta.Pages;
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
}
