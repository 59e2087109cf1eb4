using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

/// <summary>The seed page (develop/py-multidict): the figures issue 2 names.</summary>
public sealed class SeedPageTests
{
    private static string Seed => TestPaths.CorpusFile("seed", "develop", "py-multidict", "specs.md");

    private static CachePage Read(SpecQuery? query = null) =>
        PageReader.ReadFile(Seed, query is null ? null : new CompiledQuery(query)).Page!;

    [CorpusFact]
    public void HasSixtyOneSpecs()
    {
        var page = Read();
        Assert.Equal(61, page.Specs.Count);
        Assert.Equal("py-multidict", page.Title);
        Assert.Equal("develop", page.Tag);
        Assert.All(page.Specs, s => Assert.Equal("6.1.0", s.Version));
    }

    [CorpusFact]
    public void E4sStackHasThirteenSpecsOnOneArchAndCompiler()
    {
        var specs = Read(new SpecQuery { Stack = new[] { "e4s" } }).Specs;

        Assert.Equal(13, specs.Count);
        Assert.All(specs, s =>
        {
            Assert.Equal("x86_64_v3", s.Target);
            Assert.Equal("ubuntu22.04", s.OS);
            Assert.Equal("gcc@=11.4.0", s.Compiler);
        });
    }

    [CorpusFact]
    public void FilterFigures()
    {
        Assert.Equal(28, Read(new SpecQuery { TargetFamily = new[] { "aarch64" } }).Specs.Count);
        Assert.Equal(41, Read(new SpecQuery { Compiler = new[] { "gcc" } }).Specs.Count);
        Assert.Equal("4cwf326ibtsus7gjpbib6c77wlsjfvv6", Read(new SpecQuery { Hash = new[] { "4cwf3" } }).Specs.Single().Hash);
        Assert.Equal(6, Read(new SpecQuery { Stack = new[] { "E4S-ONEAPI" } }).Specs.Count);
        Assert.Equal(13 + 6, Read(new SpecQuery { Stack = new[] { "e4s", "e4s-oneapi" } }).Specs.Count);
        // The aarch64 cpu and cuda stacks share their 14 specs: a spec in either counts once.
        Assert.Equal(14, Read(new SpecQuery { Stack = new[] { "ml-linux-aarch64-*" } }).Specs.Count);
        Assert.Empty(Read(new SpecQuery { Stack = new[] { "e4s" }, TargetFamily = new[] { "aarch64" } }).Specs);
    }

    [CorpusFact]
    public void PackageSummaryComesFromMeta()
    {
        var package = PageReader.ReadFile(Seed, options: new PageReadOptions { PackageOnly = true }).Page!.Package;

        Assert.Equal("py-multidict", package.Name);
        Assert.Equal(61, package.NumSpecs);
        Assert.Equal(13, package.NumSpecsByStack["e4s"]);
        Assert.Equal(61, package.NumSpecsByStack["root"]);
        Assert.Equal(8, package.NumSpecsByStack.Count);
        Assert.Equal(new[] { "sequoia", "ubuntu22.04", "ubuntu24.04" }, package.OperatingSystems);
        Assert.Equal(new[] { "aarch64", "x86_64_v3" }, package.Targets);
    }

    [CorpusFact]
    public void SpecsCarryDerivedFields()
    {
        var spec = Read(new SpecQuery { Hash = new[] { "/4CWF3" } }).Specs.Single();

        Assert.Equal("apple-clang", spec.CompilerName);
        Assert.Equal("16.0.0", spec.CompilerVersion);
        Assert.Equal("aarch64", spec.TargetFamily);
        Assert.Equal("darwin", spec.Platform);
        Assert.Equal("4cwf326", spec.ShortHash);
        Assert.Equal("py-multidict@6.1.0 %apple-clang@=16.0.0 arch=darwin-sequoia-aarch64 /4cwf326", spec.ToString());
    }
}
