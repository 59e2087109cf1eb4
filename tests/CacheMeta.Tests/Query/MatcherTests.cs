using System;
using CacheMeta.Query;
using Xunit;

namespace CacheMeta.Tests.Query;

public sealed class MatcherTests
{
    [Theory]
    [InlineData("gcc", "gcc@=13.2.0", true)]
    [InlineData("gcc", "gcc@13.2.0", true)]
    [InlineData("GCC", "gcc@13.2.0", true)]
    [InlineData("gcc", "apple-clang@=16.0.0", false)]
    [InlineData("gcc@13.2.0", "gcc@=13.2.0", true)]
    [InlineData("gcc@=13.2.0", "gcc@13.2.0", true)]
    [InlineData("gcc@13", "gcc@=13.2.0", true)]
    [InlineData("gcc@13", "gcc@=1.3", false)]
    [InlineData("gcc@=13", "gcc@13.2.0", false)]
    [InlineData("gcc@12:", "gcc@13.2.0", true)]
    [InlineData("%gcc@:12", "gcc@13.2.0", false)]
    [InlineData("gcc@13*", "gcc@=13.2.0", true)]
    [InlineData("*oneapi*", "intel-oneapi-compilers@2024.2.1", true)]
    [InlineData("intel-oneapi-compilers", "intel-oneapi-compilers@2024.2.1", true)]
    [InlineData("none", "none", true)]
    [InlineData("gcc", "none", false)]
    public void Compilers(string pattern, string compiler, bool expected) =>
        Assert.Equal(expected, new CompilerMatcher(new[] { pattern }).Matches(compiler));

    [Theory]
    [InlineData("6.1", "6.1.0", true)]
    [InlineData("6.1", "6.10", false)]
    [InlineData("=6.1", "6.1.0", false)]
    [InlineData("=6.1.0", "6.1.0", true)]
    [InlineData("1.2:1.4", "1.4.9", true)]
    [InlineData("1.2:1.4", "1.5", false)]
    [InlineData(":3", "3.9", true)]
    [InlineData("4.2:", "4.10", true)]
    [InlineData("1.0:1.5,=1.7.1", "1.7.1", true)]
    [InlineData("1.0:1.5,=1.7.1", "1.7", false)]
    [InlineData("6.*", "6.1.0", true)]
    [InlineData("@3", "3.2", true)]
    [InlineData("develop", "develop", true)]
    [InlineData("2024:", "develop", true)]
    public void Versions(string pattern, string version, bool expected) =>
        Assert.Equal(expected, new VersionMatcher(new[] { pattern }).MatchesAny(new[] { version }));

    [Theory]
    [InlineData("1:2:3")]
    [InlineData("1,,2")]
    [InlineData("1.2 3")]
    public void MalformedVersionsAreRejected(string pattern) =>
        Assert.Throws<FormatException>(() => new VersionMatcher(new[] { pattern }));

    [Theory]
    [InlineData("+mpi", true)]
    [InlineData("mpi", true)]
    [InlineData("~cuda", true)]
    [InlineData("-cuda", true)]
    [InlineData("+cuda", false)]
    [InlineData("build_system=cmake", true)]
    [InlineData("build_system=makefile", false)]
    [InlineData("cuda_arch=80", true)]
    [InlineData("cuda_arch=80,90", true)]
    [InlineData("cuda_arch:=80,90", true)]
    [InlineData("cuda_arch:=80", false)]
    [InlineData("amdgpu_target=gfx90a", true)]
    [InlineData("patches=dbc3892", true)]
    [InlineData("build_*=c*", true)]
    [InlineData("+m*", true)]
    public void Variants(string pattern, bool expected)
    {
        string[] variants = { "+mpi", "~cuda", "build_system=cmake", "cuda_arch=80", "cuda_arch=90", "amdgpu_target:=gfx90a,gfx942", "patches:=dbc3892" };
        Assert.Equal(expected, new VariantMatcher(new[] { pattern }).Matches(variants));
    }

    [Fact]
    public void MemoizedRecordChecksAgreeWithObjectChecks()
    {
        var query = new CompiledQuery(new SpecQuery { Stack = new[] { "e4s" }, TargetFamily = new[] { "aarch64" }, Compiler = new[] { "gcc@13" } });
        var memo = new QueryMemo();
        string[] stacks = { "e4s", "root" };
        string[] none = Array.Empty<string>();
        foreach (var (target, compiler) in new[] { ("neoverse_v1", "gcc@=13.2.0"), ("x86_64_v3", "gcc@=13.2.0"), ("neoverse_v1", "gcc@=11.4.0") })
        {
            var spec = new CacheSpec("p", "t", "h", new[] { "1" }, compiler, "os", "linux", target, none, stacks, null, null, null);
            for (int repeat = 0; repeat < 2; repeat++)
            {
                Assert.Equal(query.MatchesSpec(spec),
                    query.MatchesRecord(memo, "p", "h"u8, compiler, "os", "linux", target, spec.TargetFamily, spec.Versions, none, stacks));
            }
        }
    }
}
