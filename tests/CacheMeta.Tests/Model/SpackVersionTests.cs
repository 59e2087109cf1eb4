using System.Linq;
using Xunit;

namespace CacheMeta.Tests.Model;

public sealed class SpackVersionTests
{
    [Theory]
    [InlineData("1.9", "1.10")]
    [InlineData("4.8.0", "4.12.2")]
    [InlineData("1.2", "1.2.1")]
    [InlineData("1.2rc1", "1.2")]
    [InlineData("1.2alpha", "1.2beta1")]
    [InlineData("1.2rc", "1.2rc1")]
    [InlineData("1.2a", "1.2.0")]
    [InlineData("2024.2.1", "develop")]
    [InlineData("main", "develop")]
    [InlineData("stable", "trunk")]
    [InlineData("99999999999999999999999", "100000000000000000000000")]
    [InlineData("1.2.3", "1.2.3.0")]
    public void OrdersAsSpackDoes(string lower, string higher)
    {
        var a = SpackVersion.Parse(lower);
        var b = SpackVersion.Parse(higher);
        Assert.True(a.CompareTo(b) < 0, $"{lower} < {higher}");
        Assert.True(b.CompareTo(a) > 0, $"{higher} > {lower}");
    }

    [Fact]
    public void EqualityIgnoresSeparatorsButTextIsKept()
    {
        var dotted = SpackVersion.Parse("1.2.3");
        var dashed = SpackVersion.Parse("1-2_3");
        Assert.Equal(dotted, dashed);
        Assert.Equal(dotted.GetHashCode(), dashed.GetHashCode());
        Assert.Equal("1-2_3", dashed.ToString());
        Assert.True(dotted.Equals("1.2.3"));
        Assert.Equal(0, SpackVersion.Parse("01.2").CompareTo(SpackVersion.Parse("1.2")));
    }

    [Fact]
    public void SortsAListLikeSpack()
    {
        string[] versions = { "develop", "1.10", "1.9", "1.9rc2", "main", "1.9.1", "0.5a" };
        var sorted = versions.Select(SpackVersion.Parse).OrderBy(v => v).Select(v => v.Text);
        Assert.Equal(new[] { "0.5a", "1.9rc2", "1.9", "1.9.1", "1.10", "main", "develop" }, sorted);
    }

    [Theory]
    [InlineData("3.2.1", "3.2", true)]
    [InlineData("3.2", "3.2", true)]
    [InlineData("3.20", "3.2", false)]
    [InlineData("3", "3.2", false)]
    [InlineData("1.2rc1", "1.2", true)]
    public void PrefixRule(string version, string prefix, bool expected) =>
        Assert.Equal(expected, SpackVersion.Parse(version).StartsWith(SpackVersion.Parse(prefix)));
}
