using System;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Http;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;
using CacheMeta.Completion;

namespace CacheMeta.Tests.Query;

/// <summary>Filter values that match nothing the source holds are found, with what it holds, in every reader.</summary>
public sealed class ValueCensusTests : IDisposable
{
    private readonly TempTree _tree = new();

    public ValueCensusTests()
    {
        _tree.Write("site/_cache/develop/zlib/specs.md", Fixtures.ZlibPage());
        _tree.Write("site/_cache/v0.23.1/zlib/specs.md", Fixtures.ZlibPage());
    }

    public void Dispose() => _tree.Dispose();

    private string Site => Path.Combine(_tree.Root, "site");

    private static string Describe(CompiledQuery query) =>
        string.Join("; ", query.Census!.Unmatched().Select(u => $"{u.Field} {u.Value}: {string.Join(",", u.Held)}"));

    private CompiledQuery ReadSite(SpecQuery query, bool yamlOnly = false)
    {
        var compiled = new CompiledQuery(query);
        if (yamlOnly)
        {
            foreach (string page in PageFiles.Find(Site, compiled))
            {
                new PageParser(compiled, packageOnly: false) { YamlOnly = true }.Parse(File.ReadAllBytes(page), page);
            }
        }
        else
        {
            _ = new SourceRun(new PageTreeSource(new[] { Site }), compiled);
        }

        return compiled;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARecordValueNothingMatchesIsNamedWithWhatTheSpecsHave(bool yamlOnly)
    {
        var query = ReadSite(new SpecQuery { Target = new[] { "zen9", "m1" }, Stack = new[] { "e4z" } }, yamlOnly);
        Assert.Equal("Stack e4z: e4s,e4s-neoverse_v1,e4s-oneapi,ml-darwin-aarch64-mps,root; Target zen9: m1,neoverse_v1,x86_64_v3",
            Describe(query));
    }

    [Fact]
    public void ValuesAreMatchedAsTheFilterMatchesThem()
    {
        var query = ReadSite(new SpecQuery { Compiler = new[] { "gcc@13", "GCC@99", "apple-clang" }, OS = new[] { "UBUNTU22.04" } });
        Assert.Equal(CompletionField.Compiler, Assert.Single(query.Census!.Unmatched()).Field);
        Assert.Equal("GCC@99", query.Census.Unmatched()[0].Value);
    }

    [Fact]
    public void WildcardsAreNotCheckedAndFoundValuesCostNothingMore()
    {
        Assert.Null(new CompiledQuery(new SpecQuery { Target = new[] { "zen*" }, Name = new[] { "zlib" } }).Census);
        var query = ReadSite(new SpecQuery { Target = new[] { "x86_64_v3" } });
        Assert.True(query.Census!.Complete);
        Assert.Empty(query.Census.Unmatched());
    }

    [Fact]
    public void TagFoldersTheQueryRulesOutStillCountAsTagsTheSourceHas()
    {
        var query = ReadSite(new SpecQuery { Tag = new[] { "v9.9.9" } });
        Assert.Equal("Tag v9.9.9: develop,v0.23.1", Describe(query));
    }

    [Fact]
    public void WithAHashFilterRecordValuesAreNotJudged()
    {
        var query = new CompiledQuery(new SpecQuery { Hash = new[] { "zz" }, Target = new[] { "zen9" }, Tag = new[] { "v9" } });
        Assert.Equal(new[] { CompletionField.Tag }, ReadSiteWith(query).Census!.Unmatched().Select(u => u.Field));
    }

    private CompiledQuery ReadSiteWith(CompiledQuery query)
    {
        _ = new SourceRun(new PageTreeSource(new[] { Site }), query);
        return query;
    }

    [Fact]
    public void ACatalogNamesItsTagsAndStacks()
    {
        MirrorFixtures.WriteV3(_tree, "caches/develop", IndexFixtures.V8Index());
        string catalog = _tree.Write("caches/catalog.json",
            "{\"develop\": [{\"label\": \"root\", \"url\": \"develop\"}, {\"label\": \"e4s\", \"url\": \"develop\"}], \"v0.23.1\": []}");
        var source = new CatalogSource(catalog, new FetchOptions { CacheDirectory = Path.Combine(_tree.Root, "cache"), Offline = true });

        var tag = new CompiledQuery(new SpecQuery { Tag = new[] { "v9.9.9", "develop" } });
        _ = new SourceRun(source, tag);
        Assert.Equal("Tag v9.9.9: develop,v0.23.1", Describe(tag));

        var stack = new CompiledQuery(new SpecQuery { Stack = new[] { "e4z" } });
        _ = new SourceRun(source, stack);
        Assert.Equal("Stack e4z: e4s,root", Describe(stack));
    }

    [Fact]
    public void AMirrorHasNoTagsToOffer()
    {
        string path = _tree.WriteBytes("m/build_cache/index.json", IndexFixtures.V7Index());
        var query = new CompiledQuery(new SpecQuery { Tag = new[] { "develop" } });
        _ = new SourceRun(new MirrorSource(new[] { path }, new FetchOptions { CacheDirectory = Path.Combine(_tree.Root, "cache") }), query);
        var unmatched = Assert.Single(query.Census!.Unmatched());
        Assert.Equal("develop", unmatched.Value);
        Assert.Empty(unmatched.Held);
    }

    [Fact]
    public void BuiltSpecsAreCountedThroughAMemo()
    {
        var query = new CompiledQuery(new SpecQuery { Platform = new[] { "windows" } });
        var memo = query.NewMemo();
        var spec = new CacheSpec("zlib", "develop", "h", new[] { "1" }, "gcc@13", "rhel8", "linux", "x86_64", null, null, null, null, null);
        Assert.False(query.Matches(spec, memo));
        Assert.Equal("Platform windows: linux", Describe(query));
    }

    [Theory]
    [InlineData("zlib target=zen9:", "zen9")]
    [InlineData("zlib target=:x86_64_v9", "x86_64_v9")]
    [InlineData("zlib target=haswell:zen9,x86_64_v3:", "zen9")]
    public void AnUnknownTargetInASpecRangeIsAWarning(string spec, string target)
    {
        string warning = Assert.Single(new CompiledQuery(new SpecQuery { Spec = new[] { spec } }).Warnings);
        Assert.Contains($"'{target}'", warning, StringComparison.Ordinal);
        Assert.Contains("not a microarchitecture CacheMeta knows", warning, StringComparison.Ordinal);
        Assert.Empty(new CompiledQuery(new SpecQuery { Spec = new[] { "zlib target=zen2:", "zlib target=zen9" } }).Warnings);
    }
}
