using System;
using CacheMeta.Query;
using CacheMeta.Query.Spec;
using Xunit;

namespace CacheMeta.Tests.Query;

public sealed class SpackSyntaxHintTests
{
    [Theory]
    [InlineData(">=3.0", " Spack writes '>=3.0' as '3.0:'.")]
    [InlineData("<=3.0", " Spack writes '<=3.0' as ':3.0'.")]
    [InlineData("==3.0", " Spack writes '==3.0' as '=3.0'.")]
    [InlineData(">3", " Spack writes '>3' as '3:' (Spack's ranges include their ends).")]
    [InlineData("3.0:", null)]
    public void SuggestsSpacksVersionRanges(string constraint, string? hint) => Assert.Equal(hint, SpackSyntaxHint.ForVersion(constraint));

    [Theory]
    [InlineData("gcc>=12", " Spack writes 'gcc>=12' as '%gcc@12:'.")]
    [InlineData("%gcc>=12", " Spack writes '%gcc>=12' as '%gcc@12:'.")]
    [InlineData("cmake>=3.0", " Spack writes 'cmake>=3.0' as 'cmake@3.0:'.")]
    [InlineData("cmake@>=3", " Spack writes 'cmake@>=3' as 'cmake@3:'.")]
    [InlineData("zlib %gcc@>=12", " Spack writes '%gcc@>=12' as '%gcc@12:'.")]
    [InlineData("hdf5@==1.14.5", " Spack writes 'hdf5@==1.14.5' as 'hdf5@=1.14.5'.")]
    [InlineData("hdf5@1.14: +mpi", null)]
    public void SuggestsSpacksSpecSyntax(string spec, string? hint) => Assert.Equal(hint, SpackSyntaxHint.ForSpec(spec));

    [Fact]
    public void TheErrorsEndWithTheHint()
    {
        var version = Assert.Throws<FormatException>(() => VersionConstraint.Parse(">=3.0"));
        Assert.Equal("'>=3.0' in the version constraint '>=3.0' is not a version. Spack writes '>=3.0' as '3.0:'.", version.Message);

        var spec = Assert.Throws<CacheMetaException>(() => SpecParser.Parse("gcc>=12"));
        Assert.Same(ErrorIds.InvalidSpecSyntax, spec.ErrorId);
        Assert.StartsWith("The spec is not valid at column 4: The character '>' is not part of Spack's spec syntax. Spack writes 'gcc>=12' as '%gcc@12:'.", spec.Message);

        var exact = Assert.Throws<CacheMetaException>(() => SpecParser.Parse("hdf5@==1.14.5"));
        Assert.Contains("as 'hdf5@=1.14.5'.", exact.Message);
        var missing = Assert.Throws<CacheMetaException>(() => SpecParser.Parse("cmake@>=3"));
        Assert.Contains("A version is expected after '@'. Spack writes 'cmake@>=3' as 'cmake@3:'.", missing.Message);
    }
}
