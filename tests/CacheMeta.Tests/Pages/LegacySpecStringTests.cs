using CacheMeta.Pages;
using Xunit;

namespace CacheMeta.Tests.Pages;

public sealed class LegacySpecStringTests
{
    [Fact]
    public void ReadsTheRootNodeOnly()
    {
        var spec = LegacySpecString.Parse("swig@4.0.2-fortran%gcc@10.3.0~doc+x arch=linux-ubuntu21.04-x86_64 ^pcre@8.44%gcc@10.3.0~jit+utf arch=linux-ubuntu21.04-x86_64")!;

        Assert.Equal(("swig", "4.0.2-fortran", "gcc@10.3.0"), (spec.Name, spec.Version, spec.Compiler));
        Assert.Equal(("linux", "ubuntu21.04", "x86_64"), (spec.Platform, spec.OS, spec.Target));
        Assert.Equal(new[] { "~doc", "+x" }, spec.Variants);
    }

    [Fact]
    public void ReadsSeparateArchitecturePartsAndQuotedFlags()
    {
        var spec = LegacySpecString.Parse("zlib@1.3 %clang cflags=\"-O2 -g\" +shared platform=darwin os=sonoma target=m2")!;

        Assert.Equal(("zlib", "1.3", "clang"), (spec.Name, spec.Version, spec.Compiler));
        Assert.Equal(("darwin", "sonoma", "m2"), (spec.Platform, spec.OS, spec.Target));
        Assert.Equal(new[] { "cflags=-O2 -g", "+shared" }, spec.Variants);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@1.2")]
    public void RejectsTextThatIsNoSpec(string text) => Assert.Null(LegacySpecString.Parse(text));
}
