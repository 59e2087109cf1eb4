using System.Collections.Generic;
using System.Linq;
using System.Text;
using CacheMeta.Aggregation;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Aggregation;

public sealed class StackSummarizerTests
{
    private static IReadOnlyList<CacheSpec> ZlibSpecs() =>
        PageReader.ReadBytes(Encoding.UTF8.GetBytes(Fixtures.ZlibPage()), "zlib.md").Page!.Specs;

    private static List<CacheStackSummary> Summarise(IEnumerable<CacheSpec> specs, StackGrouping groupBy = StackGrouping.None, SpecQuery? query = null)
    {
        var summarizer = new StackSummarizer(groupBy, query is null ? null : new CompiledQuery(query));
        foreach (var spec in specs)
        {
            summarizer.Add(spec);
        }

        return summarizer.Summaries().ToList();
    }

    private static string Row(CacheStackSummary s) =>
        $"{s.Tag}/{s.Stack}/{s.Group}: {s.Specs} {s.Packages} {s.Versions} {s.Compilers} {s.OperatingSystems} {s.Platforms} {s.Targets} {s.TargetFamilies}";

    [Fact]
    public void CountsSpecsAndDistinctValuesPerStack()
    {
        var rows = Summarise(ZlibSpecs()).Select(Row);

        // specs packages versions compilers oss platforms targets families
        Assert.Equal(new[]
        {
            "develop/e4s/: 2 1 1 2 1 1 1 1",
            "develop/e4s-neoverse_v1/: 1 1 1 1 1 1 1 1",
            "develop/e4s-oneapi/: 1 1 1 1 1 1 1 1",
            "develop/ml-darwin-aarch64-mps/: 1 1 1 1 1 1 1 1",
            "develop/root/: 4 1 2 3 2 2 3 2",
        }, rows);
    }

    [Fact]
    public void SplitsByTheGroupingValue()
    {
        var rows = Summarise(ZlibSpecs(), StackGrouping.TargetFamily).Where(s => s.Stack == "root").ToList();

        Assert.Equal(new[] { "develop/root/aarch64: 2 1 2 2 2 2 2 1", "develop/root/x86_64: 2 1 1 2 1 1 1 1" }, rows.Select(Row));
        Assert.All(rows, s => Assert.Equal(StackGrouping.TargetFamily, s.GroupBy));
    }

    [Fact]
    public void SummarisesOnlyTheStacksAndSpecsTheQueryAsksFor()
    {
        var rows = Summarise(ZlibSpecs(), query: new SpecQuery { Stack = new[] { "e4s*" }, Compiler = new[] { "gcc" } });

        Assert.Equal(new[] { "develop/e4s/: 1 1 1 1 1 1 1 1", "develop/e4s-neoverse_v1/: 1 1 1 1 1 1 1 1" }, rows.Select(Row));
    }

    [Fact]
    public void CountsAStackListedTwiceOnceAndSpecsWithoutStacksApart()
    {
        var summarizer = new StackSummarizer();
        summarizer.Add(new CacheSpec("a", null, "h1", new[] { "1.0" }, "gcc@9", "rhel8", "linux", "ppc64le", null, new[] { "root", "root" }, null, null, null));
        summarizer.Add(new CacheSpec("a", "develop", "h2", new[] { "1.0" }, "gcc@9", "rhel8", "linux", "ppc64le", null, null, null, null, null));

        var row = Assert.Single(summarizer.Summaries());
        Assert.Equal("/root/: 1 1 1 1 1 1 1 1", Row(row));
        Assert.Null(row.Tag);
        Assert.Equal(1, summarizer.Unstacked);
    }

    [CorpusFact]
    public void SeedStacksHoldTheirNumSpecsByStack()
    {
        var page = PageReader.ReadFile(TestPaths.CorpusFile("seed", "develop", "py-multidict", "specs.md")).Page!;

        var rows = Summarise(page.Specs);

        Assert.Equal(new[]
        {
            "e4s=13", "e4s-oneapi=6", "ml-darwin-aarch64-mps=14", "ml-linux-aarch64-cpu=14", "ml-linux-aarch64-cuda=14",
            "ml-linux-x86_64-cpu=13", "ml-linux-x86_64-cuda=14", "root=61",
        }, rows.Select(s => s.Stack + "=" + s.Specs));
        var root = rows.Single(s => s.Stack == "root");
        Assert.Equal("develop/root/: 61 1 1 4 3 2 2 2", Row(root));
    }

    [CorpusFact]
    public void SpecsPerStackEqualTheSumOfNumSpecsByStackOverAllRecordPages()
    {
        var pages = TestPaths.CorpusPages().Select(p => PageReader.ReadFile(p).Page!).Where(p => p.SpecLayout == PageSpecLayout.SpecDetails).ToList();
        var expected = pages.SelectMany(p => p.Package.NumSpecsByStack.Select(kv => (p.Tag, Stack: kv.Key, kv.Value)))
            .GroupBy(x => (x.Tag, x.Stack)).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));

        var rows = Summarise(pages.SelectMany(p => p.Specs));

        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, s => Assert.Equal(expected[(s.Tag, s.Stack)], s.Specs));
        Assert.True(rows.Count > 50);
    }

    [Fact]
    public void ListsTagsAsTheSiteDoesAndCompilersByVersion()
    {
        CacheSpec Spec(string tag, string compiler) =>
            new("zlib", tag, tag + compiler, new[] { "1.3" }, compiler, "rhel8", "linux", "x86_64", null, new[] { "root" }, null, null, null);
        var rows = Summarise(new[]
        {
            Spec("develop-2025-03-23", "gcc@10.5.0"), Spec("v0.23.1", "gcc@10.5.0"), Spec("develop", "gcc@10.5.0"),
            Spec("develop", "gcc@7.3.1"), Spec("develop", "apple-clang@16.0.0"), Spec("develop-2025-03-30", "gcc@10.5.0"),
        }, StackGrouping.Compiler).Select(s => s.Tag + " " + s.Group);

        Assert.Equal(new[]
        {
            "develop apple-clang@16.0.0", "develop gcc@7.3.1", "develop gcc@10.5.0", "v0.23.1 gcc@10.5.0",
            "develop-2025-03-30 gcc@10.5.0", "develop-2025-03-23 gcc@10.5.0",
        }, rows);
    }
}
