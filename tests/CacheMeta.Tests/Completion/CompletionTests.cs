using System.Linq;
using System.Text;
using CacheMeta.Completion;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Completion;

public sealed class CompletionTests
{
    private static readonly string[] Stacks = { "e4s", "e4s-neoverse-v2", "e4s-neoverse_v1", "E4S-OneAPI", "ml-linux-x86_64-cuda", "my stack", "it's" };

    [Theory]
    [InlineData("", "e4s|e4s-neoverse-v2|e4s-neoverse_v1|E4S-OneAPI|ml-linux-x86_64-cuda|my stack|it's")]
    [InlineData("e4s-n", "e4s-neoverse-v2|e4s-neoverse_v1")]
    [InlineData("E4S-o", "E4S-OneAPI")]
    [InlineData("*cuda", "ml-linux-x86_64-cuda")]
    [InlineData("e4s*v?", "e4s-neoverse-v2|e4s-neoverse_v1")]
    [InlineData("e4s-neoverse_v1*", "e4s-neoverse_v1")]
    [InlineData("zzz", "")]
    public void MatchesByPrefixAndWildcardIgnoringCase(string word, string expected) =>
        Assert.Equal(expected, string.Join("|", CompletionMatcher.Complete(Stacks, word).Select(c => c.Value)));

    [Theory]
    [InlineData("my", "'my stack'")]
    [InlineData("it", "'it''s'")]
    [InlineData("'my", "'my stack'")]
    [InlineData("\"my", "\"my stack\"")]
    [InlineData("'e4s-neoverse_", "'e4s-neoverse_v1'")]
    [InlineData("ml", "ml-linux-x86_64-cuda")]
    public void QuotesWhatWouldNotSurviveBare(string word, string expected) =>
        Assert.Equal(expected, Assert.Single(CompletionMatcher.Complete(Stacks, word)).CompletionText);

    [Theory]
    [InlineData("gcc@13.2.0", "gcc@13.2.0")]
    [InlineData("cuda_arch=80,90", "'cuda_arch=80,90'")]
    [InlineData("@home", "'@home'")]
    [InlineData("a$b", "'a$b'")]
    public void QuotesArguments(string value, string expected) => Assert.Equal(expected, CompletionMatcher.Quote(value));

    [Fact]
    public void DoubleQuotesEscapeWithBackticks() => Assert.Equal("\"a`$b`\"c\"", CompletionMatcher.Quote("a$b\"c", '"'));

    [Fact]
    public void APageOffersItsSummaryValues()
    {
        var values = new CompletionValues();
        values.Add(PageReader.ReadBytes(Encoding.UTF8.GetBytes(Fixtures.ZlibPage()), "p").Page!.Package);

        Assert.Equal(new[] { "zlib" }, values.For(CompletionField.Name));
        Assert.Equal(new[] { "develop" }, values.For(CompletionField.Tag));
        Assert.Equal(new[] { "m1", "neoverse_v1", "x86_64_v3" }, values.For(CompletionField.Target));
        Assert.Equal(new[] { "aarch64", "x86_64" }, values.For(CompletionField.TargetFamily));
        Assert.Equal(new[] { "darwin", "linux" }, values.For(CompletionField.Platform));
        Assert.Equal(new[] { "apple-clang", "apple-clang@16.0.0", "gcc", "gcc@13.2.0", "oneapi", "oneapi@2024.2.1" }, values.For(CompletionField.Compiler));
    }

    [Fact]
    public void NoneIsNoCompiler()
    {
        var values = new CompletionValues();
        values.AddCompiler("none");
        values.AddCompiler("gcc@=11.4.0");
        values.AddCompiler("gcc@11.4.0");
        Assert.Equal(new[] { "gcc", "gcc@11.4.0" }, values.For(CompletionField.Compiler));
    }

    [Fact]
    public void WellKnownValuesCoverEveryTargetAndTheCommonStacks()
    {
        var known = CompletionValues.WellKnown;
        Assert.Equal(81, known.For(CompletionField.Target).Count); // archspec's 78 targets and the 3 old Graviton names
        Assert.Contains("neoverse_v3ae", known.For(CompletionField.Target));
        Assert.Contains("graviton2", known.For(CompletionField.Target));
        Assert.Contains("aarch64", known.For(CompletionField.TargetFamily));
        Assert.DoesNotContain("neoverse_v1", known.For(CompletionField.TargetFamily));
        Assert.Contains("e4s", known.For(CompletionField.Stack));
        Assert.Contains("ubuntu22.04", known.For(CompletionField.OS));
        Assert.Contains("develop", known.For(CompletionField.Tag));
        Assert.Empty(known.For(CompletionField.Name));
    }
}
