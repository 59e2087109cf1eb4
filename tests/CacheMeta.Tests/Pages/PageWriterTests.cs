using System;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Aggregation;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using CacheMeta.Text;
using Xunit;

namespace CacheMeta.Tests.Pages;

public sealed class PageWriterTests
{
    // What the generator (Python's json.dumps(sort_keys=True)) writes for the two records below.
    private const string EdgePage =
        "---\ntitle: \"edge\"\nlayout: cache\ncategories: [package, develop]\n"
        + "meta: {\"compilers\": [\"gcc@13.2.0\", \"none\"], \"num_specs\": 2, \"num_specs_by_stack\": {\"e4s\": 1, \"root\": 2}, "
        + "\"oss\": [\"sequoia\", \"ubuntu22.04\"], \"platforms\": [\"darwin\", \"linux\"], \"stacks\": [\"e4s\", \"root\"], "
        + "\"targets\": [\"aarch64\", \"x86_64_v3\"], \"versions\": [\"4.12.2\", \"4.8.0\"]}\n"
        + "spec_details: [{\"compiler\": \"none\", \"hash\": \"aaaa7777aaaa7777aaaa7777aaaa7777\", \"os\": \"sequoia\", "
        + "\"platform\": \"darwin\", \"size\": 1234, \"stacks\": [\"root\"], \"tarball\": \"https://example.invalid/b/x.spack\", "
        + "\"target\": \"aarch64\", \"variants\": [\"emoji=\\ud83d\\ude00\", \"back\\\\slash\"], \"versions\": [\"4.12.2\", \"4.12\"]}, "
        + "{\"compiler\": \"gcc@13.2.0\", \"hash\": \"zzzz2222zzzz2222zzzz2222zzzz2222\", \"os\": \"ubuntu22.04\", "
        + "\"platform\": \"linux\", \"size\": \"-\", \"stacks\": [\"e4s\", \"root\"], \"target\": \"x86_64_v3\", "
        + "\"variants\": [\"+x\", \"note=caf\\u00e9 \\\"q\\\"\\ttab\"], \"versions\": [\"4.8.0\"]}]\n---";

    private static CacheSpec[] EdgeSpecs() => new[]
    {
        new CacheSpec("edge", "develop", "zzzz2222zzzz2222zzzz2222zzzz2222", new[] { "4.8.0" }, "gcc@13.2.0", "ubuntu22.04", "linux",
            "x86_64_v3", new[] { "+x", "note=caf\u00e9 \"q\"\ttab" }, new[] { "root", "e4s" }, null, null, "in.md"),
        new CacheSpec("edge", "develop", "aaaa7777aaaa7777aaaa7777aaaa7777", new[] { "4.12.2", "4.12" }, "none", "sequoia", "darwin",
            "aarch64", new[] { "emoji=\U0001F600", "back\\slash" }, new[] { "root" }, 1234, "https://example.invalid/b/x.spack", "in.md"),
    };

    [Fact]
    public void WritesTheGeneratorsExactBytes()
    {
        // Records out of hash order, stacks unsorted, versions that sort lexically (4.12.2 before 4.8.0),
        // a known size, a tarball, and strings that need every kind of escape.
        Assert.Equal(EdgePage, PageWriter.Render("edge", "develop", EdgeSpecs()));
    }

    [Fact]
    public void EncodesUtf8WithoutBomOrFinalNewline()
    {
        byte[] bytes = PageWriter.Encode(PageAggregator.Aggregate("edge", "develop", EdgeSpecs(), "x"));

        Assert.Equal(Encoding.ASCII.GetBytes(EdgePage), bytes);
        Assert.Equal((byte)'-', bytes[^1]);
    }

    [Fact]
    public void WrittenPageReadsBackToTheSameRecords()
    {
        var written = PageReader.ReadBytes(Encoding.UTF8.GetBytes(EdgePage), "p.md");

        Assert.Null(written.Error);
        var specs = written.Page!.Specs;
        Assert.Equal(new[] { "aaaa7777aaaa7777aaaa7777aaaa7777", "zzzz2222zzzz2222zzzz2222zzzz2222" }, specs.Select(s => s.Hash));
        Assert.Equal(new[] { "emoji=\U0001F600", "back\\slash" }, specs[0].Variants);
        Assert.Equal(new[] { "+x", "note=caf\u00e9 \"q\"\ttab" }, specs[1].Variants);
        Assert.Equal(1234, specs[0].Size);
        Assert.Null(specs[1].Size);
        Assert.Equal("https://example.invalid/b/x.spack", specs[0].Tarball);
        Assert.Null(specs[1].Tarball);
    }

    [Fact]
    public void FixturePageRoundTrips()
    {
        string text = Fixtures.ZlibPage();
        var page = PageReader.ReadBytes(Encoding.UTF8.GetBytes(text), "zlib.md").Page!;

        Assert.Equal(text, PageWriter.Render(page.Title, page.Tag!, page.Specs));
        Assert.Equal(text, PageWriter.Render(page)); // already canonical: written as it stands
    }

    [Theory]
    [InlineData("a\"b", "develop")]
    [InlineData("a\\b", "develop")]
    [InlineData("a\nb", "develop")]
    [InlineData("", "develop")]
    [InlineData("zlib", "dev, elop")]
    [InlineData("zlib", "dev]")]
    [InlineData("zlib", "dev elop")]
    [InlineData("zlib", "")]
    public void RefusesNamesThePageCannotCarry(string package, string tag)
    {
        var error = Assert.Throws<CacheMetaException>(() => PageWriter.Render(package, tag, EdgeSpecs()));

        Assert.Equal(ErrorIds.InvalidPageName, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void RefusesAPageWithoutTag()
    {
        var page = PageAggregator.Aggregate("edge", null, EdgeSpecs(), "x.md");

        var error = Assert.Throws<CacheMetaException>(() => PageWriter.Render(page));
        Assert.Equal(ErrorIds.InvalidPageName, error.ErrorId);
        Assert.Equal("x.md", error.Target);
    }

    [CorpusTheory]
    [MemberData(nameof(TestPaths.CurrentFormatPageData), MemberType = typeof(TestPaths))]
    public void RoundTripsEveryCurrentFormatPageByteForByte(string relativePath)
    {
        string path = Path.Combine(TestPaths.Corpus!, relativePath);
        var page = PageReader.ReadFile(path).Page!;

        byte[] written = PageWriter.Encode(PageAggregator.Aggregate(page.Title, page.Tag, page.Specs, path));

        Assert.Equal(File.ReadAllBytes(path), written);
    }

    [CorpusFact]
    public void RoundTripsAG5PageWithTarballsWhoseEntriesAreInHashOrder()
    {
        string path = TestPaths.CorpusFile("real", "v0.22.5", "blt", "specs.md");
        var page = PageReader.ReadFile(path).Page!;

        Assert.All(page.Specs, s => Assert.NotNull(s.Tarball));
        Assert.Equal(File.ReadAllBytes(path), PageWriter.Encode(PageAggregator.Aggregate(page.Title, page.Tag, page.Specs, path)));
    }

    [CorpusTheory]
    [InlineData("legacy/v0.23.0/bc/specs.md")]
    [InlineData("legacy/develop/py-multidict/specs.md")]
    public void WritesOlderRecordPagesInTheCanonicalForm(string relativePath)
    {
        string path = Path.Combine(TestPaths.Corpus!, relativePath);
        var original = PageReader.ReadFile(path).Page!;

        string text = PageWriter.Render(original.Title, original.Tag!, original.Specs);
        var rewritten = PageReader.ReadBytes(Encoding.UTF8.GetBytes(text), path).Page!;

        Assert.NotEqual(File.ReadAllText(path), text);
        Assert.Equal(text, PageWriter.Render(rewritten)); // canonical: writing it again changes nothing
        Assert.Matches("^meta: \\{\"compilers\": \\[.*\\], \"num_specs\": \\d+, \"num_specs_by_stack\": \\{\"[^\\n]*\"versions\": \\[[^\\n]*\\]\\}$",
            text.Split('\n')[4]);
        Assert.StartsWith("spec_details: [{\"compiler\": ", text.Split('\n')[5], StringComparison.Ordinal);
        Assert.Equal(original.Specs.Select(s => s.Hash).OrderBy(h => h, CodePointComparer.Instance), rewritten.Specs.Select(s => s.Hash));
        Assert.All(rewritten.Specs, s => Assert.Equal(s.Stacks.OrderBy(x => x, CodePointComparer.Instance), s.Stacks));
        Assert.All(rewritten.Specs, s => Assert.StartsWith("https://binaries.spack.io/", s.Tarball, StringComparison.Ordinal));
        Assert.Equal(original.Package.NumSpecsByStack.OrderBy(kv => kv.Key, CodePointComparer.Instance), rewritten.Package.NumSpecsByStack);
        Assert.Equal(original.Package.Versions.OrderBy(v => v, CodePointComparer.Instance), rewritten.Package.Versions);
    }
}
