using Xunit;

namespace CacheMeta.Tests.Model;

public sealed class TargetFamiliesTests
{
    [Theory]
    [InlineData("x86_64_v3", "x86_64")]
    [InlineData("zen4", "x86_64")]
    [InlineData("sapphirerapids", "x86_64")]
    [InlineData("neoverse_v1", "aarch64")]
    [InlineData("neoverse_v2", "aarch64")]
    [InlineData("m1", "aarch64")]
    [InlineData("a64fx", "aarch64")]
    [InlineData("aarch64", "aarch64")]
    [InlineData("power9le", "ppc64le")]
    [InlineData("power9", "ppc64")]
    [InlineData("u74mc", "riscv64")]
    [InlineData("pentium4", "x86")]
    [InlineData("graviton2", "aarch64")]
    [InlineData("mystery_chip", "mystery_chip")]
    public void FamilyIsTheRootAncestor(string target, string family) => Assert.Equal(family, TargetFamilies.FamilyOf(target));

    [Fact]
    public void NullTargetHasNoFamily() => Assert.Null(TargetFamilies.FamilyOf(null));

    [Theory]
    [InlineData("zen4", "x86_64_v3", true)]
    [InlineData("zen4", "x86_64_v4", true)]
    [InlineData("haswell", "x86_64_v3", true)]
    [InlineData("x86_64_v2", "x86_64_v3", false)]
    [InlineData("neoverse_v2", "neoverse_n1", true)]
    [InlineData("neoverse_v2", "neoverse_v1", false)]
    [InlineData("m2", "armv8.4a", true)]
    [InlineData("x86_64_v3", "x86_64_v3", true)]
    [InlineData("neoverse_v1", "x86_64", false)]
    public void Ancestry(string target, string ancestor, bool expected) =>
        Assert.Equal(expected, TargetFamilies.IsSameOrDescendant(target, ancestor));
}
