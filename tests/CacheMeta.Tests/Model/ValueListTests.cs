using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Model;

public sealed class ValueListTests
{
    [Fact]
    public void PrintsItsValuesJoined()
    {
        Assert.Equal("e4s, e4s-neoverse_v1, root", new ValueList(new[] { "e4s", "e4s-neoverse_v1", "root" }).ToString());
        Assert.Equal(string.Empty, ValueList.None.ToString());
    }

    [Fact]
    public void EveryListPropertyOfTheModelIsOne()
    {
        var spec = new CacheSpec("zlib", "develop", "abcdefgh", new List<string> { "1.3" }, "gcc@13.2.0", "rhel8", "linux",
            "x86_64_v3", new[] { "+shared", "cuda_arch=70,80" }, new ReadOnlyCollection<string>(new[] { "e4s", "root" }), null, null, null);
        Assert.Equal("1.3", spec.Versions.ToString());
        Assert.Equal("+shared, cuda_arch=70,80", spec.Variants.ToString());
        Assert.Equal("e4s, root", spec.Stacks.ToString());
        Assert.Equal("root", spec.WithStacks(new[] { "root" }).Stacks.ToString());
        Assert.Equal("e4s, root", new CacheTag("develop", new[] { "e4s", "root" }, null).Stacks.ToString());
        var difference = new CacheSpecDifference(CacheSpecChange.Changed, spec, spec, new[] { "Stacks", "OS" });
        Assert.Equal("Stacks, OS", difference.ChangedProperties.ToString());
        var package = new CachePackage("zlib", "develop", 1, new[] { "1.3" }, new[] { "gcc@13.2.0" }, new[] { "rhel8" },
            new[] { "linux" }, new[] { "x86_64_v3" }, new[] { "e4s", "root" }, null, null);
        Assert.Equal("e4s, root", package.Stacks.ToString());
        Assert.Equal("rhel8", package.OperatingSystems.ToString());
    }

    [Fact]
    public void SharesAListThatAlreadyIsOne()
    {
        var stacks = new ValueList(new[] { "e4s", "root" });
        var a = new CacheSpec("a", "t", "h1", null, null, null, null, null, null, stacks, null, null, null);
        var b = new CacheSpec("b", "t", "h2", null, null, null, null, null, null, stacks, null, null, null);
        Assert.Same(stacks, a.Stacks);
        Assert.Same(a.Stacks, b.Stacks);
        Assert.Same(ValueList.None, a.Versions);
    }

    [Fact]
    public void PageReadersHandOutListsTheyShareAcrossRecords()
    {
        // Readers decode each distinct list once; wrapping it again per record would cost an object per spec.
        var specs = PageReader.ReadBytes(Encoding.UTF8.GetBytes(Fixtures.ZlibPage()), "zlib.md").Page!.Specs;
        var same = specs.GroupBy(s => s.Versions.ToString()).First(g => g.Count() > 1).ToList();
        Assert.Same(same[0].Versions, same[1].Versions);
        Assert.All(specs, s => Assert.IsType<ValueList>(s.Variants));
    }
}
