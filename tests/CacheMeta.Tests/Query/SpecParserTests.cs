using System;
using System.Linq;
using CacheMeta.Query.Spec;
using Xunit;

namespace CacheMeta.Tests.Query;

public sealed class SpecParserTests
{
    private static SpecConstraint One(string text) => Assert.Single(SpecConstraint.Parse(text));

    [Fact]
    public void ReadsEveryPartOfOneSpec()
    {
        var spec = One("zlib-ng@2.0:2.2 %gcc@13: +shared ~pic -opt cuda_arch=80,90 patches:=abc platform=linux os=ubuntu22.04 target=x86_64_v3: /4cwf3");

        Assert.Equal("zlib-ng", spec.Name);
        Assert.Equal("2.0:2.2", spec.Version!.Text);
        Assert.Equal(new[] { "gcc@13:" }, spec.Compilers);
        Assert.Equal(new[] { "+shared", "~pic", "~opt", "cuda_arch=80,90", "patches:=abc" }, spec.Variants);
        Assert.Equal("linux", spec.Platform);
        Assert.Equal("ubuntu22.04", spec.OS);
        Assert.Equal("x86_64_v3:", spec.Target);
        Assert.Equal("4cwf3", spec.Hash);
        Assert.True(spec.HasSpecCriteria);
    }

    [Theory]
    [InlineData("zlib", "zlib")]
    [InlineData("zlib@1.2:1.4", "zlib@1.2:1.4")]
    [InlineData("zlib @ 1.2 , =1.7.1", "zlib@1.2,=1.7.1")]
    [InlineData("zlib%gcc@11:+shared", "zlib+shared %gcc@11:")]
    [InlineData("zlib %c,cxx=gcc@13", "zlib %gcc@13")]
    [InlineData("zlib %[virtuals=c,cxx] gcc", "zlib %gcc")]
    [InlineData("zlib %%gcc", "zlib %gcc")]
    [InlineData("zlib ++shared ~~pic --opt", "zlib+shared~pic~opt")]
    [InlineData("zlib shared=True debug=false", "zlib+shared~debug")]
    [InlineData("zlib build_system==cmake", "zlib build_system=cmake")]
    [InlineData("zlib cflags=\"-O3 -g\"", "zlib cflags=-O3 -g")]
    [InlineData("zlib arch=linux-ubuntu22.04-x86_64_v3", "zlib platform=linux os=ubuntu22.04 target=x86_64_v3")]
    [InlineData("zlib arch=linux-None-aarch64:", "zlib platform=linux target=aarch64:")]
    [InlineData("zlib operating_system=rhel8", "zlib os=rhel8")]
    [InlineData("* %gcc", "%gcc")]
    [InlineData("/abc", "/abc")]
    [InlineData("py-* +mpi", "py-*+mpi")]
    public void CanonicalForm(string text, string expected) => Assert.Equal(expected, One(text).ToString());

    [Theory]
    [InlineData("zlib cmake", 2)]
    [InlineData("zlib@1.3 cmake@3.30 %gcc", 2)]
    [InlineData("+shared zlib", 2)]
    [InlineData("/abc /def", 2)]
    [InlineData("zlib /abc", 1)]
    [InlineData("zlib-ng -shared", 1)]
    [InlineData("%gcc target=aarch64: os=ubuntu22.04", 1)]
    public void ANameOrASecondHashStartsANewSpec(string text, int count) => Assert.Equal(count, SpecConstraint.Parse(text).Count);

    [Fact]
    public void EachSpecKeepsItsOwnText()
    {
        var specs = SpecConstraint.Parse("zlib@1.3 +shared   cmake %gcc");
        Assert.Equal(new[] { "zlib@1.3 +shared", "cmake %gcc" }, specs.Select(s => s.Text));
        Assert.Equal("cmake", specs[1].Name);
        Assert.Empty(specs[1].Variants);
    }

    [Fact]
    public void NameOnlySpecsNeedNoRecordChecks()
    {
        Assert.False(One("zlib").HasSpecCriteria);
        Assert.False(One("*").HasSpecCriteria);
        Assert.Null(One("*").Name);
    }

    [Theory]
    [InlineData("zlib@1:2:3", 6, "more than one ':'")]
    [InlineData("zlib@", 5, "A version is expected after '@'")]
    [InlineData("zlib@1.2@1.3", 9, "one version list")]
    [InlineData("builtin.zlib", 1, "Namespaces")]
    [InlineData("zlib $x", 6, "The character '$'")]
    [InlineData("zlib +", 6, "A variant name is expected after '+'")]
    [InlineData("zlib %", 6, "A compiler name is expected")]
    [InlineData("zlib %gcc@1:2:3", 11, "more than one ':'")]
    [InlineData("zlib /", 6, "A hash prefix is expected")]
    [InlineData("zlib os=", 6, "A value is expected after 'os='")]
    [InlineData("zlib cflags=\"-O3", 13, "no closing \"")]
    [InlineData("zlib arch=linux-x86_64", 11, "is not an architecture")]
    [InlineData("zlib target=x86_64:zen2:zen3", 13, "more than one ':'")]
    [InlineData("zlib target=x86*:", 13, "not wildcards")]
    [InlineData("zlib os=rhel8 os=rhel9", 15, "gives its os twice")]
    [InlineData("zlib %[when=+mpi] gcc", 8, "'when' is not supported")]
    [InlineData("   ", 1, "The spec is empty")]
    public void SyntaxErrorsPointAtTheColumn(string text, int column, string reason)
    {
        var error = Assert.Throws<CacheMetaException>(() => SpecConstraint.Parse(text));

        Assert.Equal(ErrorIds.InvalidSpecSyntax, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        string[] lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"The spec is not valid at column {column}: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("  " + text, lines[1]);
        Assert.Equal(column + 1, lines[2].IndexOf('^')); // two spaces of indent, then 1-based column
    }

    [Fact]
    public void TheCaretUnderlinesTheWholeBadPart()
    {
        var error = Assert.Throws<CacheMetaException>(() => SpecConstraint.Parse("cmake@3.1:3.2:3.3 %gcc"));
        Assert.EndsWith(Environment.NewLine + "        ^^^^^^^^^^^", error.Message, StringComparison.Ordinal);
    }
}
