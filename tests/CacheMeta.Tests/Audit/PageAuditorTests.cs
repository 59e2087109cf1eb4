using System;
using System.IO;
using System.Linq;
using CacheMeta.Audit;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Audit;

public sealed class PageAuditorTests
{
    private const string FirstHash = "aaaabbbbccccddddeeeeffffgggghhhh";
    private const string SecondHash = "bbbbccccddddeeeeffffgggghhhhiiii";
    private const string FourthHash = "ddddeeeeffffgggghhhhiiiijjjjkkkk";

    private static CachePage Read(string text, string relativePath = "develop/zlib/specs.md")
    {
        using var tree = new TempTree();
        var result = PageReader.ReadFile(tree.Write(relativePath, text));
        Assert.Null(result.Error);
        return result.Page!;
    }

    private static string Planted(string from, string to)
    {
        string page = Fixtures.ZlibPage();
        Assert.Contains(from, page, StringComparison.Ordinal); // the fault is really planted
        return page.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void MessagesCountInTheSingularToo()
    {
        var stack = Assert.Single(PageAuditor.Audit(Read(Planted("\"e4s-oneapi\": 1,", "\"e4s-oneapi\": 2,"))));
        Assert.Equal("meta.num_specs_by_stack gives 2 for 'e4s-oneapi' but 1 entry is in it.", stack.Message);
        var count = PageAuditor.Audit(Read(Planted("\"num_specs\": 4,", "\"num_specs\": 1,"))).First(f => f.Rule == PageRules.NumSpecs);
        Assert.Equal("meta.num_specs is 1 but the page has 4 entries.", count.Message);
    }

    [Fact]
    public void AGeneratorShapedPageHasNoFindings()
    {
        Assert.Empty(PageAuditor.Audit(Read(Fixtures.ZlibPage())));
    }

    [Theory]
    [InlineData("\"num_specs\": 4,", "\"num_specs\": 5,", PageRules.NumSpecs, "4", "5")]
    [InlineData("\"e4s\": 2,", "\"e4s\": 3,", PageRules.NumSpecsByStack, "2", "3")]
    [InlineData("\"e4s-oneapi\": 1, ", "", PageRules.NumSpecsByStack, "1", null)]
    [InlineData("\"root\": 4}", "\"root\": 4, \"radiuss\": 1}", PageRules.NumSpecsByStack, "0", "1")]
    [InlineData("\"versions\": [\"1.2.13\", \"1.3.1\"]}", "\"versions\": [\"1.2.13\", \"1.3.1\", \"9.9\"]}", PageRules.MetaVersions,
        "1.2.13, 1.3.1", "1.2.13, 1.3.1, 9.9")]
    [InlineData("\"compilers\": [\"apple-clang@=16.0.0\", ", "\"compilers\": [", PageRules.MetaCompilers,
        "apple-clang@=16.0.0, gcc@=13.2.0, oneapi@=2024.2.1", "gcc@=13.2.0, oneapi@=2024.2.1")]
    [InlineData("\"oss\": [\"sequoia\", \"ubuntu22.04\"]", "\"oss\": [\"ubuntu22.04\"]", PageRules.MetaOss, "sequoia, ubuntu22.04", "ubuntu22.04")]
    [InlineData("\"platforms\": [\"darwin\", \"linux\"]", "\"platforms\": [\"linux\", \"windows\"]", PageRules.MetaPlatforms,
        "darwin, linux", "linux, windows")]
    [InlineData("\"targets\": [\"m1\", ", "\"targets\": [", PageRules.MetaTargets, "m1, neoverse_v1, x86_64_v3", "neoverse_v1, x86_64_v3")]
    [InlineData("\"stacks\": [\"e4s\", \"e4s-neoverse_v1\",", "\"stacks\": [\"e4s-neoverse_v1\",", PageRules.MetaStacks,
        "e4s, e4s-neoverse_v1, e4s-oneapi, ml-darwin-aarch64-mps, root", "e4s-neoverse_v1, e4s-oneapi, ml-darwin-aarch64-mps, root")]
    [InlineData(SecondHash, FirstHash, PageRules.DuplicateHash, "1", "2")]
    [InlineData(FourthHash, "ddddeeeeffffgggghhhhiiiijjjjkkk", PageRules.MalformedHash, "^[a-z0-9]{32}$", "ddddeeeeffffgggghhhhiiiijjjjkkk")]
    [InlineData(FourthHash, "ddddeeeeffffgggghhhhiiiijjjjkkkK", PageRules.MalformedHash, "^[a-z0-9]{32}$", "ddddeeeeffffgggghhhhiiiijjjjkkkK")]
    public void APlantedErrorGivesExactlyItsFinding(string from, string to, string rule, string expected, string? actual)
    {
        var finding = Assert.Single(PageAuditor.Audit(Read(Planted(from, to))));

        Assert.Equal(rule, finding.Rule);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(expected, finding.Expected);
        Assert.Equal(actual, finding.Actual);
        Assert.Equal("zlib", finding.Package);
        Assert.Equal("develop", finding.Tag);
        Assert.EndsWith(Path.Combine("develop", "zlib", "specs.md"), finding.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FourthHash, "ddddeeeeffffgggghhhhiiiijjjjkkk0", PageRules.NonBase32Hash, "^[a-z2-7]{32}$", "ddddeeeeffffgggghhhhiiiijjjjkkk0")]
    [InlineData(FirstHash, "eeeebbbbccccddddeeeeffffgggghhhh", PageRules.EntryOrder, "entries in hash order",
        "eeeebbbbccccddddeeeeffffgggghhhh before " + SecondHash)]
    public void APlantedOddityGivesExactlyItsWarning(string from, string to, string rule, string expected, string actual)
    {
        var finding = Assert.Single(PageAuditor.Audit(Read(Planted(from, to))));

        Assert.Equal(rule, finding.Rule);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(expected, finding.Expected);
        Assert.Equal(actual, finding.Actual);
    }

    [Theory]
    [InlineData("develop/zlib-ng/specs.md", PageRules.TitleFolder, "zlib-ng", "zlib")]
    [InlineData("v0.23.1/zlib/specs.md", PageRules.TagFolder, "v0.23.1", "develop")]
    [InlineData("site/_cache/v0.23.1/zlib/specs.md", PageRules.TagFolder, "v0.23.1", "develop")]
    public void APageInTheWrongFolderGivesExactlyItsFinding(string relativePath, string rule, string expected, string actual)
    {
        var finding = Assert.Single(PageAuditor.Audit(Read(Fixtures.ZlibPage(), relativePath)));

        Assert.Equal(rule, finding.Rule);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(expected, finding.Expected);
        Assert.Equal(actual, finding.Actual);
    }

    [Fact]
    public void ChecksOnlyWhatAnOldGenerationCarries()
    {
        // G3: versions and compilers in meta, spec strings, no counts, no hashes, no stacks.
        string g3 = "---\ntitle: \"old\"\nlayout: cache\ncategories: [package, develop]\nmeta: {\"versions\": [\"1.0\"], \"compilers\": [\"gcc@7.5.0\"]}\n"
            + "spec_files: \n - spec-0.json\nspec_names:\n - 'old@1.0%gcc@7.5.0 arch=linux-ubuntu18.04-x86_64'\n---";

        Assert.Empty(PageAuditor.Audit(Read(g3, "develop/old/specs.md")));
        var finding = Assert.Single(PageAuditor.Audit(Read(g3.Replace("[\"1.0\"]", "[\"2.0\"]"), "develop/old/specs.md")));
        Assert.Equal(PageRules.MetaVersions, finding.Rule);
    }

    [Fact]
    public void RefusesAPageReadWithASpecFilter()
    {
        using var tree = new TempTree();
        string path = tree.Write("develop/zlib/specs.md", Fixtures.ZlibPage());
        var filtered = PageReader.ReadFile(path, new CompiledQuery(new SpecQuery { Stack = new[] { "e4s" } })).Page!;

        Assert.Throws<ArgumentException>(() => PageAuditor.Audit(filtered));
    }

    [CorpusTheory]
    [MemberData(nameof(TestPaths.CorpusPageData), MemberType = typeof(TestPaths))]
    public void RealPagesHaveNoErrors(string relativePath)
    {
        var page = PageReader.ReadFile(Path.Combine(TestPaths.Corpus!, relativePath)).Page!;

        var findings = PageAuditor.Audit(page);

        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.All(findings, f => Assert.Equal(PageRules.EntryOrder, f.Rule)); // G4 pages list entries unsorted
    }

    [CorpusFact]
    public void CurrentFormatPagesHaveNoFindingsAtAll()
    {
        var findings = TestPaths.CurrentFormatPages().SelectMany(p => PageAuditor.Audit(PageReader.ReadFile(p).Page!)).ToList();

        Assert.Empty(findings);
        Assert.Equal(5, TestPaths.CurrentFormatPages().Count());
    }
}
