using System;
using CacheMeta.Query;
using Xunit;

namespace CacheMeta.Tests.Query;

/// <summary>Compiling a query fails one way, and a compiled query evaluates a spec one way whatever holds it.</summary>
public sealed class QueryCompileTests
{
    private static readonly CacheSpec Spec = new("zlib-ng", "develop", "4cwf3abcdefghijklmnopqrstuvwxyz2", new[] { "2.2.1" },
        "gcc@=13.2.0", "ubuntu22.04", "linux", "neoverse_v1", new[] { "+shared" }, new[] { "e4s", "root" }, null, null, null);

    [Theory]
    [InlineData("Version", "1:2:3", "more than one ':'")]
    [InlineData("Compiler", "gcc@1:2:3", "more than one ':'")]
    [InlineData("Version", "1.2,", "empty item")]
    public void AMalformedFilterValueIsInvalidQuery(string parameter, string value, string reason)
    {
        var query = new SpecQuery();
        typeof(SpecQuery).GetProperty(parameter)!.SetValue(query, new[] { value });
        var error = Assert.Throws<CacheMetaException>(() => new CompiledQuery(query));
        Assert.Equal(ErrorIds.InvalidQuery, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(reason, error.Message);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void AMalformedSpecNamesItselfAsTheSubjectWithoutRepeatingItInTheMessage()
    {
        var error = Assert.Throws<CacheMetaException>(() => new CompiledQuery(new SpecQuery { Spec = new[] { "zlib", "cmake@@3" } }));
        Assert.Equal(ErrorIds.InvalidSpecSyntax, error.ErrorId);
        Assert.Equal("cmake@@3", error.Subject);
        Assert.Null(error.Target);
        Assert.StartsWith("The spec is not valid at column ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Name", "zlib-ng", true)]
    [InlineData("Name", "cmake", false)]
    [InlineData("Tag", "develop", true)]
    [InlineData("Tag", "v0.23.1", false)]
    [InlineData("Stack", "e4s", true)]
    [InlineData("Compiler", "gcc@13", true)]
    [InlineData("Hash", "/4CWF", true)]
    [InlineData("Hash", "zz", false)]
    [InlineData("Spec", "zlib-ng %gcc target=aarch64:", true)]
    [InlineData("Spec", "cmake", false)]
    public void MatchesTakesNameTagAndEveryRecordCriterion(string parameter, string value, bool expected)
    {
        var query = new SpecQuery();
        typeof(SpecQuery).GetProperty(parameter)!.SetValue(query, new[] { value });
        var compiled = new CompiledQuery(query);
        Assert.Equal(expected, compiled.Matches(Spec));
        var memo = new QueryMemo();
        bool record = compiled.MatchesPage(Spec.Package, Spec.Tag) && compiled.MatchesHash(Spec.Hash)
            && compiled.MatchesRecord(memo, Spec.Package, Spec.Hash!, Spec.Compiler, Spec.OS, Spec.Platform, Spec.Target,
                Spec.TargetFamily, Spec.Versions, Spec.Variants, Spec.Stacks);
        Assert.Equal(expected, record);
    }

    [Fact]
    public void ASpecWithoutAHashMatchesNoHashPrefix()
    {
        var old = new CacheSpec("zlib", null, null, new[] { "1.2" }, "gcc@4.9", null, null, null, null, null, null, null, null);
        Assert.False(new CompiledQuery(new SpecQuery { Hash = new[] { "ab" } }).MatchesSpec(old));
        Assert.False(new CompiledQuery(new SpecQuery { Spec = new[] { "zlib /ab" } }).MatchesSpec(old));
        Assert.True(new CompiledQuery(new SpecQuery { Spec = new[] { "zlib@1.2" } }).MatchesSpec(old));
    }

    [Fact]
    public void OnlyAQueryWithoutNamesWantsEveryName()
    {
        // The index reader then reads every record whole, skipping the quick reading of names.
        Assert.True(CompiledQuery.All.WantsEveryName);
        Assert.True(new CompiledQuery(new SpecQuery { Compiler = new[] { "gcc" } }).WantsEveryName);
        Assert.False(new CompiledQuery(new SpecQuery { Name = new[] { "py-*" } }).WantsEveryName);
        Assert.False(new CompiledQuery(new SpecQuery { Spec = new[] { "zlib@1.2" } }).WantsEveryName);
    }
}
