using System.Linq;
using CacheMeta.Aggregation;
using Xunit;

namespace CacheMeta.Tests.Aggregation;

/// <summary>Grouping piped specs for summaries: tagless specs (mirrors) and hashless specs (the oldest pages) are kept.</summary>
public sealed class SpecGroupsTests
{
    private static CacheSpec Spec(string package, string? tag, string? hash, string target = "x86_64_v3", params string[] stacks) =>
        new(package, tag, hash, new[] { "1.0" }, "gcc@13", "ubuntu22.04", "linux", target, null, stacks, null, null, "src");

    [Fact]
    public void GroupsByTagAndPackageWithTaglessFirst()
    {
        var groups = new SpecGroups();
        Assert.Null(groups.Add(Spec("zlib", "develop", "h1")));
        Assert.Null(groups.Add(Spec("cmake", null, "h2")));
        Assert.Null(groups.Add(Spec("cmake", "develop", "h3")));
        Assert.Null(groups.Add(Spec("zlib", null, null)));
        Assert.Null(groups.Add(Spec("zlib", null, null)));

        Assert.Equal(new[] { "/cmake=1", "/zlib=2", "develop/cmake=1", "develop/zlib=1" },
            groups.Groups().Select(g => $"{g.Tag}/{g.Package}={g.Specs.Count}"));
        Assert.Equal(5, groups.Count);
    }

    [Fact]
    public void TheSameBinaryIsOneRecordWithItsStacksMerged()
    {
        var groups = new SpecGroups();
        groups.Add(Spec("zlib", "develop", "h1", "x86_64_v3", "e4s", "root"));
        groups.Add(Spec("zlib", "develop", "h1", "x86_64_v3", "ml", "root"));
        var conflict = groups.Add(Spec("zlib", "develop", "h1", "zen4", "root"));

        var record = Assert.Single(Assert.Single(groups.Groups()).Specs);
        Assert.Equal(new[] { "e4s", "root", "ml" }, record.Stacks);
        Assert.Equal(ErrorIds.ConflictingSpecRecords, conflict!.ErrorId);
        Assert.Contains("zlib (develop)", conflict.Message, System.StringComparison.Ordinal);
    }
}
