using System;
using System.Linq;
using System.Text;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Query.Spec;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Query;

public sealed class SpecMatchingTests
{
    private static readonly CacheSpec Record = new("zlib-ng", "develop", "4cwf3abcdefghijklmnopqrstuvwxyz2", new[] { "2.2.1" },
        "gcc@=13.2.0", "ubuntu22.04", "linux", "neoverse_v1",
        new[] { "+shared", "~pic", "build_system=cmake", "cuda_arch=80", "cuda_arch=90", "patches:=abc,def" },
        new[] { "e4s", "root" }, null, null, null);

    [Theory]
    // names and versions
    [InlineData("zlib-ng", true)]
    [InlineData("ZLIB-NG", true)]
    [InlineData("zlib", false)]
    [InlineData("zlib*", true)]
    [InlineData("zlib-ng@2.2", true)]
    [InlineData("zlib-ng@2", true)]
    [InlineData("zlib-ng@=2.2", false)]
    [InlineData("zlib-ng@=2.2.1", true)]
    [InlineData("zlib-ng@2.0:2.1", false)]
    [InlineData("zlib-ng@:2.1,2.2.1", true)]
    [InlineData("zlib-ng@2.2.2:", false)]
    // compilers
    [InlineData("%gcc", true)]
    [InlineData("%gcc@13", true)]
    [InlineData("%gcc@11:", true)]
    [InlineData("%gcc@:12", false)]
    [InlineData("%gcc@=13.2", false)]
    [InlineData("%c,cxx=gcc@13.2.0", true)]
    [InlineData("%clang", false)]
    [InlineData("%gcc %gcc@13", true)]
    [InlineData("%gcc %gcc@12", false)]
    // variants
    [InlineData("+shared", true)]
    [InlineData("~shared", false)]
    [InlineData("~pic", true)]
    [InlineData("-pic", true)]
    [InlineData("+shared~pic", true)]
    [InlineData("+mpi", false)]
    [InlineData("~mpi", false)]
    [InlineData("shared=true", true)]
    [InlineData("build_system=cmake", true)]
    [InlineData("cuda_arch=80", true)]
    [InlineData("cuda_arch=80,90", true)]
    [InlineData("cuda_arch:=80", false)]
    [InlineData("cuda_arch:=80,90", true)]
    [InlineData("patches=abc", true)]
    [InlineData("patches:=abc", false)]
    // architecture
    [InlineData("platform=linux", true)]
    [InlineData("platform=darwin", false)]
    [InlineData("os=ubuntu2?.04", true)]
    [InlineData("target=neoverse_v1", true)]
    [InlineData("target=aarch64:", true)]
    [InlineData("target=neoverse_n1:", true)]
    [InlineData("target=neoverse_v2:", false)]
    [InlineData("target=x86_64:", false)]
    [InlineData("target=:neoverse_v2", false)]
    [InlineData("target=armv8.2a:neoverse_v1", true)]
    [InlineData("target=zen2,neoverse_v1", true)]
    [InlineData("arch=linux-ubuntu22.04-aarch64:", true)]
    [InlineData("arch=linux-rhel8-aarch64:", false)]
    // hashes
    [InlineData("/4cwf3", true)]
    [InlineData("/4CWF3", true)]
    [InlineData("/4cwf4", false)]
    [InlineData("zlib-ng@2.2 %gcc@13 +shared target=aarch64: /4c", true)]
    public void MatchesAsSpackDoes(string spec, bool expected) =>
        Assert.Equal(expected, Assert.Single(SpecConstraint.Parse(spec)).Matches(Record));

    [Theory]
    [InlineData("oneapi", "intel-oneapi-compilers@2024.2.1", true)]
    [InlineData("intel-oneapi-compilers@2024.2", "oneapi@=2024.2.1", true)]
    [InlineData("clang@16", "llvm@16.0.6", true)]
    [InlineData("gcc", "none", false)]
    public void CompilerNamesFromBothGenerationsMatch(string compiler, string recorded, bool expected)
    {
        var record = new CacheSpec("p", "t", "h", new[] { "1" }, recorded, "os", "linux", "x86_64", null, null, null, null, null);
        Assert.Equal(expected, Assert.Single(SpecConstraint.Parse("%" + compiler)).Matches(record));
    }

    [Fact]
    public void SeveralSpecsAreOredAndAndedWithTheParameters()
    {
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { "zlib@9", "zlib-ng@2.2 +shared" }, Stack = new[] { "e4s" } });
        Assert.True(query.MatchesSpec(Record));
        Assert.True(query.MatchesName("zlib"));
        Assert.False(query.MatchesName("cmake"));

        var noStack = new CompiledQuery(new SpecQuery { Spec = new[] { "zlib-ng" }, Stack = new[] { "tutorial" } });
        Assert.False(noStack.MatchesSpec(Record));
    }

    [Fact]
    public void MemoizedRecordChecksAgreeWithObjectChecks()
    {
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { "%gcc@13 target=aarch64:", "zlib +shared os=ubuntu22.04 /4c" } });
        var memo = new QueryMemo();
        var none = Array.Empty<string>();
        foreach (string package in new[] { "zlib", "cmake" })
        {
            foreach (var (target, compiler, variants) in new[]
            {
                ("neoverse_v1", "gcc@=13.2.0", none), ("x86_64_v3", "gcc@=13.2.0", new[] { "+shared" }), ("x86_64_v3", "gcc@11.4.0", none),
            })
            {
                var spec = new CacheSpec(package, "t", "4cwf3", new[] { "1" }, compiler, "ubuntu22.04", "linux", target, variants, none, null, null, null);
                for (int repeat = 0; repeat < 2; repeat++)
                {
                    Assert.Equal(query.MatchesSpec(spec), query.MatchesRecord(memo, package, Encoding.ASCII.GetBytes(spec.Hash!),
                        compiler, spec.OS, spec.Platform, target, spec.TargetFamily, spec.Versions, variants, none));
                }
            }
        }
    }

    [Theory]
    [InlineData("zlib target=aarch64:", 2)]
    [InlineData("zlib@1.3 %gcc", 2)]
    [InlineData("zlib@1.3 %oneapi", 1)]
    [InlineData("zlib ~shared", 1)]
    [InlineData("zlib /cccc", 1)]
    [InlineData("cmake", 0)]
    [InlineData("zlib@1.2 os=sequoia, zlib %gcc target=neoverse_v1", 2)]
    public void FastAndYamlReadingsAgree(string spec, int expected)
    {
        var compiled = new CompiledQuery(new SpecQuery { Spec = spec.Split(", ") });
        byte[] bytes = Encoding.UTF8.GetBytes(Fixtures.ZlibPage());

        var fast = new PageParser(compiled, false).Parse(bytes, "p").Page;
        var yaml = new PageParser(compiled, false) { YamlOnly = true }.Parse(bytes, "p").Page;

        Assert.Equal(expected, fast?.Specs.Count ?? 0);
        if (fast is null || yaml is null)
        {
            Assert.Same(fast, yaml);
        }
        else
        {
            PageAssert.Equal(yaml, fast);
        }
    }

    [CorpusTheory]
    [InlineData("py-multidict target=aarch64:", "TargetFamily", "aarch64")]
    [InlineData("%gcc@11.4.0", "Compiler", "gcc@11.4.0")]
    [InlineData("os=ubuntu2?.04", "OS", "ubuntu2?.04")]
    [InlineData("/4cwf3", "Hash", "4cwf3")]
    public void OnTheSeedPageASpecSelectsWhatTheMatchingParameterDoes(string spec, string parameter, string value)
    {
        var byParameter = new SpecQuery();
        typeof(SpecQuery).GetProperty(parameter)!.SetValue(byParameter, new[] { value });
        string seed = TestPaths.CorpusFile("seed", "develop", "py-multidict", "specs.md");

        var expected = PageReader.ReadFile(seed, new CompiledQuery(byParameter)).Page!.Specs.Select(s => s.Hash).ToList();
        var actual = PageReader.ReadFile(seed, new CompiledQuery(new SpecQuery { Spec = new[] { spec } })).Page!.Specs.Select(s => s.Hash).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
