using System.Linq;
using System.Text;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

/// <summary>Page shapes every reader must accept, on fixtures written for the tests.</summary>
public sealed class PageFormatTests
{
    private static PageResult Read(string text, bool yamlOnly = false) =>
        new PageParser(CompiledQuery.All, packageOnly: false) { YamlOnly = yamlOnly }.Parse(Encoding.UTF8.GetBytes(text), "fixture.md");

    private static void AssertBothReadingsEqual(string text)
    {
        var fast = Read(text);
        var yaml = Read(text, yamlOnly: true);
        Assert.Null(yaml.Error);
        Assert.Null(fast.Error);
        PageAssert.Equal(yaml.Page!, fast.Page!);
    }

    [Fact]
    public void ReadsTheGeneratorShape()
    {
        var page = Read(Fixtures.ZlibPage()).Page!;

        Assert.Equal("zlib", page.Title);
        Assert.Equal("cache", page.Layout);
        Assert.Equal(new[] { "package", "develop" }, page.Categories);
        Assert.Equal("develop", page.Tag);
        Assert.Equal(4, page.Specs.Count);
        Assert.Equal(4, page.MetaNumSpecs);
        Assert.Equal(new[] { "e4s", "e4s-neoverse_v1", "e4s-oneapi", "ml-darwin-aarch64-mps", "root" }, page.Package.NumSpecsByStack.Keys);
        Assert.Equal(2, page.Package.NumSpecsByStack["E4S"]);
        var arm = page.Specs.Single(s => s.Target == "neoverse_v1");
        Assert.Equal(("bbbbccccddddeeeeffffgggghhhhiiii", "aarch64", "gcc", "13.2.0"), (arm.Hash, arm.TargetFamily, arm.CompilerName, arm.CompilerVersion));
        Assert.Equal(new[] { "+optimize", "+pic", "~shared", "build_system=makefile" }, arm.Variants);
    }

    [Theory]
    [InlineData("\n", "")]
    [InlineData("\r\n", "")]
    [InlineData("\r\n", "\r\n")]
    [InlineData("\n", "\n\nSome page body.\n")]
    [InlineData("\r", "")]
    public void AcceptsLineEndsTrailingNewlineAndBody(string newline, string after)
    {
        var expected = Read(Fixtures.ZlibPage()).Page!;
        var actual = Read(Fixtures.ZlibPage(newline) + after);

        Assert.Null(actual.Error);
        PageAssert.Equal(expected, actual.Page!);
    }

    [Fact]
    public void AcceptsAByteOrderMark()
    {
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Fixtures.ZlibPage())).ToArray();
        var result = PageReader.ReadBytes(bytes, "bom.md");

        Assert.Null(result.Error);
        Assert.Equal(4, result.Page!.Specs.Count);
    }

    [Fact]
    public void MixedLineEndsReadTheSame()
    {
        string text = Fixtures.ZlibPage().Replace("layout: cache\n", "layout: cache\r\n").Replace("---\ntitle", "---\r\ntitle");
        AssertBothReadingsEqual(text);
        Assert.Equal(4, Read(text).Page!.Specs.Count);
    }

    [Theory]
    [InlineData("title: zlib")]
    [InlineData("title: 'zlib'")]
    [InlineData("title:    \"zlib\"   ")]
    [InlineData("# a comment line\ntitle: \"zlib\"")]
    [InlineData("title: \"zlib\"\npermalink: /x/")]
    [InlineData("title: \"z\\u006cib\"")]
    public void HeaderVariantsReadTheSameBothWays(string titleLine)
    {
        string text = Fixtures.ZlibPage().Replace("title: \"zlib\"", titleLine);
        AssertBothReadingsEqual(text);
        Assert.Equal("zlib", Read(text).Page!.Title);
    }

    [Theory]
    [InlineData("\"os\": \"ubuntu22.04\"", "\"os\": \"ubunt\\u00fc22.04\"", "ubuntü22.04")]
    [InlineData("\"os\": \"ubuntu22.04\"", "\"os\": \"\\ud83d\\ude00\"", "\U0001F600")]
    [InlineData("\"os\": \"ubuntu22.04\"", "\"os\": \"a\\\"b\\\\c\"", "a\"b\\c")]
    [InlineData("\"os\": \"ubuntu22.04\"", "\"os\": null", null)]
    [InlineData("\"size\": \"-\"", "\"size\": 12345", null)]
    public void EscapesAndNullsReadTheSameBothWays(string from, string to, string? expectedOs)
    {
        string text = Fixtures.ZlibPage().Replace(from, to);
        AssertBothReadingsEqual(text);
        var spec = Read(text).Page!.Specs[0];
        if (from.StartsWith("\"os\""))
        {
            Assert.Equal(expectedOs, spec.OS);
        }
        else
        {
            Assert.Equal(12345, spec.Size);
        }
    }

    [Fact]
    public void CompactJsonReadsTheSameBothWays()
    {
        string text = Fixtures.ZlibPage().Replace("\": ", "\":").Replace(", \"", ",\"");
        AssertBothReadingsEqual(text);
        Assert.Equal(4, Read(text).Page!.Specs.Count);
    }

    [Fact]
    public void UnknownKeysAreIgnoredBothWays()
    {
        string text = Fixtures.ZlibPage().Replace("{\"compiler\": ", "{\"future\": [1, {\"x\": null}], \"compiler\": ")
            .Replace("meta: {", "meta: {\"extra\": true, ");
        AssertBothReadingsEqual(text);
    }

    [Fact]
    public void ReadsG3SpecNames()
    {
        const string text = "---\ntitle: \"alsa-lib\"\nlayout: cache\ncategories: [package, develop]\n"
            + "meta: {\"versions\": [\"1.2.3.2\"], \"compilers\": [\"gcc@7.5.0\"]}\nspec_files: \n - spec-0.json\n - spec-1.json\n"
            + "spec_names:\n - 'alsa-lib@1.2.3.2%gcc@7.5.0~python arch=linux-ubuntu18.04-x86_64'\n"
            + " - \"alsa-lib@1.2.2%clang@12.0.0+python cflags='-O2 -g' arch=darwin-bigsur-m1 ^python@3.9\"\n---";
        var page = Read(text).Page!;

        Assert.Equal(PageSpecLayout.SpecNames, page.SpecLayout);
        Assert.Equal(2, page.Package.NumSpecs);
        Assert.Null(page.Package.NumSpecsByStack.Keys.FirstOrDefault());
        var first = page.Specs[0];
        Assert.Equal(("alsa-lib", "develop", null, "1.2.3.2", "gcc@7.5.0", "linux", "ubuntu18.04", "x86_64"),
            (first.Package, first.Tag, first.Hash, first.Version, first.Compiler, first.Platform, first.OS, first.Target));
        Assert.Equal(new[] { "~python" }, first.Variants);
        Assert.Empty(first.Stacks);
        var second = page.Specs[1];
        Assert.Equal(new[] { "+python", "cflags=-O2 -g" }, second.Variants);
        Assert.Equal(("clang", "12.0.0", "aarch64"), (second.CompilerName, second.CompilerVersion, second.TargetFamily));
    }

    [Fact]
    public void ReadsG1SpecFileMaps()
    {
        const string text = "---\ntitle: \"swig\"\nlayout: cache\ncategory: package\nmeta: {\"versions\": [\"4.0.2\"], \"compilers\": [\"gcc@7.5.0\"]}\n"
            + "spec_files: \n - \"swig@4.0.2%gcc@7.5.0 arch=linux-ubuntu18.04-x86_64 ^pcre@8.44%gcc@7.5.0~jit+multibyte+utf arch=linux-ubuntu18.04-x86_64\": spec-0.json\n"
            + " - \"swig@4.0.1%intel@19.1.3.304~doc+x arch=cray-cnl7-haswell\": spec-1.json\n\n---";
        var page = Read(text).Page!;

        Assert.Equal(PageSpecLayout.SpecFiles, page.SpecLayout);
        Assert.Null(page.Tag);
        Assert.Equal(2, page.Specs.Count);
        Assert.Empty(page.Specs[0].Variants);
        Assert.Equal(new[] { "~doc", "+x" }, page.Specs[1].Variants);
        Assert.Equal(("cray", "cnl7", "haswell", "x86_64"), (page.Specs[1].Platform, page.Specs[1].OS, page.Specs[1].Target, page.Specs[1].TargetFamily));
    }

    [Fact]
    public void CategoriesMayBeASpaceSeparatedString()
    {
        var page = Read(Fixtures.ZlibPage().Replace("categories: [package, develop]", "categories: package v0.23.1")).Page!;

        Assert.Equal(new[] { "package", "v0.23.1" }, page.Categories);
        Assert.Equal("v0.23.1", page.Tag);
    }

    [Fact]
    public void PackageOnlyReadsBuildNoSpecs()
    {
        var result = PageReader.ReadBytes(Encoding.UTF8.GetBytes(Fixtures.ZlibPage()), "p.md", packageOnly: true);

        Assert.Empty(result.Page!.Specs);
        Assert.Equal(4, result.Page.EntryCount);
        Assert.Equal(4, result.Page.Package.NumSpecs);
    }

    [Fact]
    public void PageFilterSkipsThePageBothWays()
    {
        var query = new CompiledQuery(new SpecQuery { Name = new[] { "cmake" } });
        byte[] bytes = Encoding.UTF8.GetBytes(Fixtures.ZlibPage());

        Assert.Null(new PageParser(query, false).Parse(bytes, "p").Page);
        Assert.Null(new PageParser(query, false) { YamlOnly = true }.Parse(bytes, "p").Page);
    }

    [Theory]
    [InlineData("Stack", "e4s", 2)]
    [InlineData("TargetFamily", "aarch64", 2)]
    [InlineData("Compiler", "gcc", 2)]
    [InlineData("Compiler", "oneapi@2024", 1)]
    [InlineData("Variant", "~shared", 1)]
    [InlineData("Hash", "CCCC", 1)]
    [InlineData("Version", "1.3", 3)]
    public void SpecFiltersAgreeBothWays(string parameter, string value, int expected)
    {
        var query = new SpecQuery();
        typeof(SpecQuery).GetProperty(parameter)!.SetValue(query, new[] { value });
        var compiled = new CompiledQuery(query);
        byte[] bytes = Encoding.UTF8.GetBytes(Fixtures.ZlibPage());

        var fast = new PageParser(compiled, false).Parse(bytes, "p").Page!;
        var yaml = new PageParser(compiled, false) { YamlOnly = true }.Parse(bytes, "p").Page!;

        Assert.Equal(expected, fast.Specs.Count);
        PageAssert.Equal(yaml, fast);
    }
}
