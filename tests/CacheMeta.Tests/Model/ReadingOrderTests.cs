using System.Linq;
using Xunit;

namespace CacheMeta.Tests.Model;

public sealed class ReadingOrderTests
{
    [Fact]
    public void OrdersVersionsAsSpackDoes()
    {
        var sorted = ReadingOrder.Sorted(new[] { "4.12.2", "develop", "4.8.0", "1.10", "1.9", "4.8.0", "2.0rc1", "2.0" }, ReadingOrder.Versions);
        Assert.Equal(new[] { "1.9", "1.10", "2.0rc1", "2.0", "4.8.0", "4.12.2", "develop" }, sorted);
    }

    [Fact]
    public void OrdersCompilersByNameThenVersion()
    {
        var sorted = ReadingOrder.Sorted(new[] { "gcc@10.5.0", "none", "gcc@7.3.1", "apple-clang@16.0.0", "gcc@=13.2.0", "gcc@13.2.0", "gcc" },
            ReadingOrder.Compilers);
        Assert.Equal(new[] { "none", "apple-clang@16.0.0", "gcc", "gcc@7.3.1", "gcc@10.5.0", "gcc@13.2.0", "gcc@=13.2.0" }, sorted);
    }

    [Fact]
    public void OrdersTagsAsTheSiteListsThem()
    {
        var sorted = ReadingOrder.Sorted(new[] { "v0.9.0", "develop-2025-03-23", "zzz", "v0.23.1", "develop", "develop-2025-03-30" }, ReadingOrder.Tags);
        Assert.Equal(new[] { "develop", "v0.23.1", "v0.9.0", "develop-2025-03-30", "develop-2025-03-23", "zzz" }, sorted);
    }

    [Fact]
    public void BreaksTiesByCodePointSoEqualVersionsKeepOneOrder()
    {
        Assert.Equal(new[] { "1.0", "1.00" }, ReadingOrder.Sorted(new[] { "1.00", "1.0" }, ReadingOrder.Versions));
        Assert.Equal(new[] { "1.0", "1.00" }, ReadingOrder.Sorted(new[] { "1.0", "1.00" }, ReadingOrder.Versions));
    }

    [Fact]
    public void KeepsAListThatIsAlreadyInOrder()
    {
        var list = new ValueList(new[] { "1.9", "1.10" });
        Assert.Same(list, ReadingOrder.InOrder(list, ReadingOrder.Versions));
        Assert.Equal(new[] { "1.10", "1.9" }, ReadingOrder.InOrder(list, CacheMeta.Text.CodePointComparer.Instance));
    }

    [Fact]
    public void PackagesListVersionsAndCompilersInReadingOrderWhateverThePageSays()
    {
        var package = new CachePackage("hdf5", "develop", 3, new[] { "1.10.11", "1.14.5", "1.8.23" },
            new[] { "gcc@10.5.0", "gcc@7.3.1" }, new[] { "ubuntu22.04", "rhel8" }, null, null, null, null, null);
        Assert.Equal(new[] { "1.8.23", "1.10.11", "1.14.5" }, package.Versions);
        Assert.Equal("1.14.5", package.LatestVersion);
        Assert.Equal(new[] { "gcc@7.3.1", "gcc@10.5.0" }, package.Compilers);
        Assert.Equal(new[] { "ubuntu22.04", "rhel8" }, package.OperatingSystems); // names stay as given
        Assert.Null(new CachePackage("p", null, 0, null, null, null, null, null, null, null, null).LatestVersion);
    }
}
