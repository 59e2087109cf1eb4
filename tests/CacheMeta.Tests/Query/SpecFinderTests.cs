using System.Collections.Generic;
using System.Linq;
using CacheMeta.Query;
using CacheMeta.Query.Spec;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Query;

/// <summary>"Why not" for binaries: planted specs, each missing known constraints, named exactly and ranked.</summary>
public sealed class SpecFinderTests
{
    private static readonly CacheHost Rhel8Zen4 = CacheHost.Parse("linux-rhel8-zen4");

    private static CacheSpec Spec(string seed, string package, string version, string compiler, string os, string target,
        string platform = "linux", params string[] variants) =>
        new(package, "develop", IndexFixtures.Hash(seed), new[] { version }, compiler, os, platform, target, variants, new[] { "root" }, null, null, null);

    private static readonly CacheSpec Fits = Spec("fit", "hdf5", "1.14.5", "gcc@13.2.0", "rhel8", "zen4", variants: new[] { "+mpi", "build_system=cmake" });
    private static readonly CacheSpec OldVersion = Spec("old", "hdf5", "1.12.2", "gcc@13.2.0", "rhel8", "x86_64_v3", variants: new[] { "+mpi", "build_system=cmake" });
    private static readonly CacheSpec OldCompilerNoMpi = Spec("ocn", "hdf5", "1.14.5", "gcc@11.4.0", "rhel8", "x86_64", variants: new[] { "~mpi", "build_system=cmake" });
    private static readonly CacheSpec OtherMachine = Spec("arm", "hdf5", "1.14.5", "gcc@13.2.0", "ubuntu22.04", "neoverse_v1", variants: new[] { "+mpi", "build_system=cmake" });
    private static readonly CacheSpec Mac = Spec("mac", "hdf5", "1.10.9", "apple-clang@16.0.0", "sequoia", "m1", "darwin", "build_system=cmake");
    private static readonly CacheSpec OtherPackage = Spec("cmk", "cmake", "3.30.5", "gcc@13.2.0", "rhel8", "zen4");

    private static readonly CacheSpec[] All = { OtherPackage, Mac, OtherMachine, OldCompilerNoMpi, OldVersion, Fits };

    private static SpecFinder Finder(string spec, int first = 5, CacheHost? host = null) =>
        new(SpecConstraint.Parse(spec), host ?? Rhel8Zen4, OSCompatibility.Exact, first);

    [Fact]
    public void EveryMismatchIsNamed()
    {
        var finder = Finder("hdf5@1.14: +mpi %gcc@13");
        Assert.Empty(finder.Measure(Fits)!.Mismatches);
        Assert.Equal(new[] { "version 1.12.2 is not in @1.14:" }, finder.Measure(OldVersion)!.Mismatches);
        Assert.Equal(new[] { "compiler gcc@11.4.0, wanted %gcc@13", "variant ~mpi, wanted +mpi" }, finder.Measure(OldCompilerNoMpi)!.Mismatches);
        Assert.Equal(new[] { "os ubuntu22.04, the host runs rhel8", "target neoverse_v1 does not run on zen4 (another family)" },
            finder.Measure(OtherMachine)!.Mismatches);
        Assert.Equal(new[]
        {
            "version 1.10.9 is not in @1.14:", "compiler apple-clang@16.0.0, wanted %gcc@13", "no variant mpi, wanted +mpi",
            "platform darwin, the host is linux", "os sequoia, the host runs rhel8", "target m1 does not run on zen4 (another family)",
        }, finder.Measure(Mac)!.Mismatches);
        Assert.Null(finder.Measure(OtherPackage));
    }

    [Theory]
    [InlineData("hdf5 build_system=autotools", "variant build_system=cmake, wanted build_system=autotools")]
    [InlineData("hdf5 target=x86_64_v3:", "target x86_64 is not in target=x86_64_v3:")]
    [InlineData("hdf5 platform=darwin", "platform linux, wanted platform=darwin")]
    [InlineData("hdf5 os=rhel9", "os rhel8, wanted os=rhel9")]
    [InlineData("hdf5 /zzz", "hash ocnabcd does not start with /zzz")]
    [InlineData("hdf5 %clang", "compiler gcc@11.4.0, wanted %clang")]
    [InlineData("hdf5 ~mpi +shared", "no variant shared, wanted +shared")]
    [InlineData("hdf5@=1.14.5 ~mpi", "")]
    public void EachKindOfConstraintHasItsSentence(string spec, string expected)
    {
        var match = new SpecFinder(SpecConstraint.Parse(spec), null).Measure(OldCompilerNoMpi)!;
        Assert.Equal(expected, string.Join("|", match.Mismatches));
        Assert.True(match.Compatible); // no host: nothing about the machine fails
    }

    [Fact]
    public void CandidatesRankByMissesThenArrival()
    {
        var finder = Finder("hdf5@1.14: +mpi %gcc@13");
        var found = All.Select(finder.Offer).Where(m => m is not null).ToList();

        Assert.Equal(new[] { Fits }, found.Select(m => m!.Spec));
        Assert.Equal(1, finder.Found);
        Assert.Equal(new[] { OldVersion, OtherMachine, OldCompilerNoMpi, Mac }, finder.Nearest.Select(m => m.Spec));
        Assert.Equal(new[] { 1, 2, 2, 6 }, finder.Nearest.Select(m => m.MismatchCount));
        Assert.Equal(new[] { true, false, true, false }, finder.Nearest.Select(m => m.Compatible));
    }

    [Fact]
    public void OnlyTheFirstNearestAreKept()
    {
        var finder = Finder("hdf5@1.14: +mpi %gcc@13", first: 2);
        foreach (var spec in All)
        {
            finder.Offer(spec);
        }

        Assert.Equal(new[] { OldVersion, OtherMachine }, finder.Nearest.Select(m => m.Spec));
        Assert.Empty(Finder("hdf5", first: 0).Nearest);
    }

    [Fact]
    public void OrEdSpecsMeasureAgainstTheNearestOne()
    {
        var finder = Finder("hdf5@1.16 %clang cmake@3.30");
        Assert.Equal(new[] { "version 1.14.5 is not in @1.16", "compiler gcc@13.2.0, wanted %clang" }, finder.Measure(Fits)!.Mismatches);
        Assert.Empty(finder.Measure(OtherPackage)!.Mismatches);
    }

    [Fact]
    public void WithoutASpecOnlyTheHostCounts()
    {
        var finder = new SpecFinder(new List<SpecConstraint>(), Rhel8Zen4);
        Assert.Equal(new[] { Fits, OldVersion, OldCompilerNoMpi, OtherPackage }.OrderBy(s => s.Hash),
            All.Where(s => finder.Measure(s)!.MismatchCount == 0).OrderBy(s => s.Hash));
        Assert.Equal("hdf5@1.14.5 %gcc@13.2.0 arch=linux-rhel8-zen4 /fitabcd", finder.Measure(Fits)!.ToString());
    }

    [Theory]
    [InlineData("hdf5")]
    [InlineData("hdf5@1.14: +mpi %gcc@13")]
    [InlineData("hdf5 ~mpi target=x86_64:")]
    [InlineData("%gcc@13 os=rhel8")]
    [InlineData("hdf5@1.12:1.14.4 platform=linux build_system=cmake")]
    [InlineData("* +mpi /old")]
    public void NoMismatchesExactlyWhenTheSpecMatches(string spec)
    {
        var constraints = SpecConstraint.Parse(spec);
        var finder = new SpecFinder(constraints, null);
        foreach (var candidate in All.Where(s => constraints.Any(c => c.MatchesName(s.Package))))
        {
            Assert.Equal(constraints.Any(c => c.Matches(candidate)), finder.Measure(candidate)!.MismatchCount == 0);
        }
    }

    [Theory]
    [InlineData("hdf5@1.14: +mpi", "hdf5")]
    [InlineData("hdf5 cmake@3.30", "hdf5|cmake")]
    [InlineData("hdf5 %gcc@13 os=rhel8 target=zen4", "hdf5")]
    public void CandidatesAreEverySpecOfTheNamedPackages(string spec, string names)
    {
        var query = SpecFinder.CandidateQuery(SpecConstraint.Parse(spec), new[] { "develop" }, new[] { "e4s" });
        Assert.Equal(names.Split('|'), query.Name);
        Assert.Equal(new[] { "develop" }, query.Tag);
        Assert.Equal(new[] { "e4s" }, query.Stack);
        Assert.Null(query.Spec);

        // A near miss may differ in any part the spec names: only the package and where to look narrow the reading.
        var read = new CompiledQuery(SpecFinder.CandidateQuery(SpecConstraint.Parse(spec), new[] { "develop" }));
        Assert.True(read.Matches(Mac));
        Assert.False(read.Matches(Spec("zlb", "zlib", "1.3", "gcc@13.2.0", "rhel8", "zen4")));
    }

    [Theory]
    [InlineData("%gcc@13")]
    [InlineData("+mpi os=rhel8")]
    [InlineData("")]
    public void AnAnonymousSpecMakesEveryPackageACandidate(string spec)
    {
        var constraints = spec.Length == 0 ? new List<SpecConstraint>() : SpecConstraint.Parse(spec);
        Assert.Null(SpecFinder.CandidateQuery(constraints).Name);
        if (constraints.Count > 0)
        {
            Assert.Null(SpecFinder.CandidateQuery(SpecConstraint.Parse("hdf5").Concat(constraints).ToList()).Name); // OR-ed with a named one
        }
    }

    [Fact]
    public void DependencyTermsAreRefusedWhereTheyStand()
    {
        var error = Assert.Throws<CacheMetaException>(() => new SpecFinder(SpecConstraint.Parse("hdf5 +mpi ^openmpi@5"), Rhel8Zen4));
        Assert.Equal(ErrorIds.InvalidSpecSyntax, error.ErrorId);
        Assert.Equal(11, error.Column);
        Assert.Contains("no '^' terms", error.Message);
    }
}
