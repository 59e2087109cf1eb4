using CacheMeta.Query;
using Xunit;

namespace CacheMeta.Tests.Query;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("e4s", "E4S", true)]
    [InlineData("e4s*", "e4s-neoverse_v1", true)]
    [InlineData("*cuda", "ml-linux-x86_64-cuda", true)]
    [InlineData("*cuda", "ml-linux-x86_64-cuda-x", false)]
    [InlineData("ubuntu2?.04", "ubuntu22.04", true)]
    [InlineData("ubuntu2?.04", "ubuntu2.04", false)]
    [InlineData("neoverse_v[12]", "neoverse_v2", true)]
    [InlineData("neoverse_v[12]", "neoverse_v3", false)]
    [InlineData("[a-c]*", "cmake", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("*", "", true)]
    [InlineData("file`[1`]", "file[1]", true)]
    [InlineData("file`*", "file1", false)]
    public void MatchesAsPowerShellDoes(string pattern, string text, bool expected) =>
        Assert.Equal(expected, new Wildcard(pattern).IsMatch(text));

    [Theory]
    [InlineData("e4s", false)]
    [InlineData("e4s*", true)]
    [InlineData("a`*", false)]
    [InlineData("[ab]", true)]
    public void KnowsWhetherAPatternHasWildcards(string pattern, bool expected) =>
        Assert.Equal(expected, Wildcard.ContainsWildcard(pattern));

    [Fact]
    public void NullNeverMatches() => Assert.False(new Wildcard("*").IsMatch(null));

    [Theory]
    [InlineData("py-numpy")]
    [InlineData("odd[1]*name?")]
    [InlineData("back`tick")]
    public void AnEscapedNameMatchesItselfOnly(string name)
    {
        var pattern = new Wildcard(Wildcard.Escape(name));
        Assert.True(pattern.IsLiteral);
        Assert.True(pattern.IsMatch(name));
        Assert.False(pattern.IsMatch(name + "x"));
    }
}
