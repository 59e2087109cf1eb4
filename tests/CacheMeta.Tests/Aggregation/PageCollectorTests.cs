using System.Linq;
using CacheMeta.Aggregation;
using Xunit;

namespace CacheMeta.Tests.Aggregation;

public sealed class PageCollectorTests
{
    private static CacheSpec Spec(string package, string? tag, string? hash, string target = "x86_64_v3", params string[] stacks) =>
        new(package, tag, hash, new[] { "1.0" }, "gcc@13.2.0", "ubuntu22.04", "linux", target, new[] { "+x" },
            stacks.Length == 0 ? new[] { "root" } : stacks, null, null, "src-" + hash);

    [Fact]
    public void GroupsByTagAndPackageInCodePointOrder()
    {
        var collector = new PageCollector();
        Assert.Null(collector.Add(Spec("zlib", "v0.23.1", "h1")));
        Assert.Null(collector.Add(Spec("cmake", "develop", "h2")));
        Assert.Null(collector.Add(Spec("zlib", "develop", "h3")));
        Assert.Null(collector.Add(Spec("zlib", "develop", "h4")));
        Assert.Null(collector.Add(Spec("Zlib", "develop", "h5"))); // names are case-sensitive, as folders are

        var pages = collector.Pages().ToList();

        Assert.Equal(new[] { "develop/Zlib", "develop/cmake", "develop/zlib", "v0.23.1/zlib" }, pages.Select(p => p.Tag + "/" + p.Package));
        Assert.Equal(new[] { "h3", "h4" }, pages[2].Specs.Select(s => s.Hash));
        Assert.Equal(5, collector.Count);
    }

    [Fact]
    public void MergesTheStacksOfOneBinaryMetTwice()
    {
        var collector = new PageCollector();
        Assert.Null(collector.Add(Spec("zlib", "develop", "h1", "x86_64_v3", "e4s", "root")));
        Assert.Null(collector.Add(Spec("zlib", "develop", "h1", "x86_64_v3", "root", "radiuss")));
        Assert.Null(collector.Add(Spec("zlib", "develop", "h1", "x86_64_v3", "root")));

        var spec = Assert.Single(collector.Pages().Single().Specs);
        Assert.Equal(new[] { "e4s", "root", "radiuss" }, spec.Stacks);
        Assert.Equal(1, collector.Count);
    }

    [Fact]
    public void KeepsTheSameHashUnderAnotherTagApart()
    {
        var collector = new PageCollector();
        collector.Add(Spec("zlib", "develop", "h1"));
        collector.Add(Spec("zlib", "develop-2025-03-30", "h1", "neoverse_v1"));

        Assert.Equal(new[] { 1, 1 }, collector.Pages().Select(p => p.Specs.Count));
    }

    [Fact]
    public void RefusesAConflictingRecordAndKeepsTheFirst()
    {
        var collector = new PageCollector();
        collector.Add(Spec("zlib", "develop", "h1", "x86_64_v3"));

        var error = collector.Add(Spec("zlib", "develop", "h1", "neoverse_v1"));

        Assert.Equal(ErrorIds.ConflictingSpecRecords, error!.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidData, error.Kind);
        Assert.Equal("src-h1", error.Target);
        Assert.Equal("x86_64_v3", collector.Pages().Single().Specs.Single().Target);
    }

    [Fact]
    public void RefusesRecordsWithoutTagOrHash()
    {
        var collector = new PageCollector();

        Assert.Equal(ErrorIds.SpecWithoutTag, collector.Add(Spec("swig", null, "h1"))!.ErrorId);
        Assert.Equal(ErrorIds.SpecWithoutHash, collector.Add(Spec("swig", "develop", null))!.ErrorId);
        Assert.Empty(collector.Pages());
        Assert.Equal(0, collector.Count);
    }
}
