using System.Linq;
using CacheMeta.Aggregation;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using CacheMeta.Text;
using Xunit;

namespace CacheMeta.Tests.Aggregation;

public sealed class PageAggregatorTests
{
    private static CacheSpec Spec(string hash, string version, string compiler, string target, params string[] stacks) =>
        new("pkg", "develop", hash, new[] { version }, compiler, "ubuntu22.04", "linux", target, new[] { "+x" }, stacks, null, null, "src");

    [Fact]
    public void ComputesMetaAsTheGeneratorDoes()
    {
        var page = PageAggregator.Aggregate("pkg", "develop", new[]
        {
            Spec("zzzz", "4.8.0", "gcc@=11.4.0", "x86_64_v3", "root", "e4s"),
            Spec("aaaa", "4.12.2", "gcc@=13.2.0", "neoverse_v1", "root", "e4s-neoverse_v1"),
            Spec("mmmm", "4.8.0", "gcc@=11.4.0", "x86_64_v3", "e4s", "root"),
        }, "out.md");

        Assert.Equal(new[] { "aaaa", "mmmm", "zzzz" }, page.Specs.Select(s => s.Hash));
        Assert.Equal(new[] { "e4s", "root" }, page.Specs[2].Stacks); // sorted, as written
        var meta = page.Package;
        Assert.Equal(new[] { "4.8.0", "4.12.2" }, meta.Versions); // as people read them ...
        Assert.Equal("4.12.2", meta.LatestVersion);
        Assert.Equal(new[] { "gcc@=11.4.0", "gcc@=13.2.0" }, meta.Compilers);
        Assert.Contains("\"versions\": [\"4.12.2\", \"4.8.0\"]", PageWriter.Render(page)); // ... written in Python's string order
        Assert.Equal(new[] { "neoverse_v1", "x86_64_v3" }, meta.Targets);
        Assert.Equal(new[] { "e4s", "e4s-neoverse_v1", "root" }, meta.Stacks);
        Assert.Equal(new[] { "e4s", "e4s-neoverse_v1", "root" }, meta.NumSpecsByStack.Keys);
        Assert.Equal(new[] { 2, 1, 3 }, meta.NumSpecsByStack.Values);
        Assert.Equal(3, meta.NumSpecs);
        Assert.Equal(new[] { "package", "develop" }, page.Categories);
    }

    [Fact]
    public void SortsByCodePointLikePython()
    {
        // U+FF21 (fullwidth A) is below U+1F600 (an emoji, a surrogate pair in UTF-16) for Python, not for ordinal UTF-16.
        string fullwidth = "\uFF21", emoji = "\U0001F600";
        Assert.True(CodePointComparer.Instance.Compare(fullwidth, emoji) < 0);
        Assert.True(string.CompareOrdinal(fullwidth, emoji) > 0);
        var page = PageAggregator.Aggregate("p", "t", new[] { Spec("b", "1", "c", emoji, "root"), Spec("a", "1", "c", fullwidth, "root") }, "x");
        Assert.Equal(new[] { fullwidth, emoji }, page.Package.Targets);
    }

    [CorpusTheory]
    [MemberData(nameof(TestPaths.CorpusPageData), MemberType = typeof(TestPaths))]
    public void ReproducesTheMetaOfEveryRecordPage(string relativePath)
    {
        var read = PageReader.ReadFile(System.IO.Path.Combine(TestPaths.Corpus!, relativePath)).Page!;
        if (read.SpecLayout != PageSpecLayout.SpecDetails)
        {
            return; // G1-G3 carry no record-level stacks to count
        }

        var page = PageAggregator.Aggregate(read.Title, read.Tag, read.Specs, read.Path);
        var expected = read.Package;
        Assert.Equal(expected.NumSpecs, page.Package.NumSpecs);
        Assert.Equal(expected.Versions, page.Package.Versions); // both in reading order
        Assert.Equal(expected.Compilers, page.Package.Compilers);
        Assert.Equal(expected.OperatingSystems.OrderBy(v => v, CodePointComparer.Instance), page.Package.OperatingSystems);
        Assert.Equal(expected.Targets.OrderBy(v => v, CodePointComparer.Instance), page.Package.Targets);
        Assert.Equal(expected.Stacks.OrderBy(v => v, CodePointComparer.Instance), page.Package.Stacks);
        Assert.Equal(expected.NumSpecsByStack.OrderBy(kv => kv.Key, CodePointComparer.Instance), page.Package.NumSpecsByStack);
        Assert.Equal(read.Specs.Select(s => s.Hash).OrderBy(h => h, CodePointComparer.Instance), page.Specs.Select(s => s.Hash));
    }
}
