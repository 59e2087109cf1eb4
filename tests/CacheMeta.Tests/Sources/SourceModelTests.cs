using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Aggregation;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Sources;

/// <summary>Sources yield what they hold: specs and package summaries, errors as values, nothing fabricated.</summary>
public sealed class SourceModelTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose() => _tree.Dispose();

    private static IEnumerable<string> Throwing(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return "item" + i;
        }

        throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData, "broken", "index.json");
    }

    [Fact]
    public void AnErrorWhileReadingBecomesTheLastValue()
    {
        var results = SourceResults.Catching(Throwing(2)).ToList();
        Assert.Equal(new[] { "item0", "item1" }, results.Take(2).Select(r => r.Value));
        Assert.Equal(ErrorIds.InvalidIndex, Assert.Single(results.Skip(2)).Error!.ErrorId);
        Assert.Equal(new[] { "a" }, SourceResults.Catching(new[] { "a" }).Select(r => r.Value));
    }

    [Fact]
    public void APageTreeGivesSpecsAndPackagesThatReopenAsTheirPage()
    {
        string page = _tree.Write("site/_cache/develop/zlib/specs.md", Fixtures.ZlibPage());
        var source = new PageTreeSource(new[] { Path.Combine(_tree.Root, "site") });

        var specs = new SourceRun(source, observer: _observer).Specs;
        Assert.Equal(4, specs.Count);
        Assert.All(specs, s => Assert.Same(source, s.Origin));

        var package = Assert.Single(new SourceRun(source, packages: true).Packages);
        var reopened = Assert.IsType<PageTreeSource>(package.Origin);
        Assert.Equal(new[] { page }, reopened.Roots);
        Assert.Equal(4, new SourceRun(reopened).Specs.Count);
        Assert.Empty(_observer.Warnings);
    }

    [Fact]
    public void WithSpecCriteriaAPackageSummarisesItsMatchingSpecs()
    {
        _tree.Write("site/_cache/develop/zlib/specs.md", Fixtures.ZlibPage());
        var source = new PageTreeSource(new[] { Path.Combine(_tree.Root, "site") });
        var query = new SpecQuery { Target = new[] { "m1" } };

        var package = Assert.Single(new SourceRun(source, query, packages: true).Packages);
        var expected = PackageSummary.Compute("zlib", "develop", new SourceRun(source, query).Specs, null);
        Assert.Equal(1, package.NumSpecs);
        Assert.Equal(expected.Targets, package.Targets);
        Assert.Equal(expected.Compilers, package.Compilers);
        Assert.Equal(expected.NumSpecsByStack.ToString(), package.NumSpecsByStack.ToString());
        Assert.Empty(new SourceRun(source, new SpecQuery { Target = new[] { "zen4" } }, packages: true).Packages);
    }

    [Fact]
    public void AFolderWithoutPagesIsAWarningNotASilence()
    {
        _tree.Write("mirror/build_cache/index.json", "{}");
        var run = new SourceRun(new PageTreeSource(new[] { Path.Combine(_tree.Root, "mirror") }), observer: _observer);
        Assert.Empty(run.Specs);
        Assert.Empty(run.Errors);
        string warning = Assert.Single(_observer.Warnings);
        Assert.Contains("holds no cache pages", warning);
        Assert.Contains("looks like a build cache", warning);
    }

    [Fact]
    public void FoldersTheQueryRulesOutAreNotAnEmptyTree()
    {
        _tree.Write("site/_cache/develop/zlib/specs.md", Fixtures.ZlibPage());
        var run = new SourceRun(new PageTreeSource(new[] { Path.Combine(_tree.Root, "site") }), new SpecQuery { Tag = new[] { "v0.23.1" } },
            observer: _observer);
        Assert.Empty(run.Specs);
        Assert.Empty(_observer.Warnings);
    }

    [Fact]
    public void AMirrorHasNoTagSoEveryTagFilterRulesItOut()
    {
        string path = _tree.WriteBytes("m/build_cache/index.json", IndexFixtures.V7Index());
        var source = new MirrorSource(new[] { path }, new FetchOptions { CacheDirectory = Path.Combine(_tree.Root, "cache"), Offline = true });
        Assert.NotEmpty(new SourceRun(source).Specs);
        Assert.Empty(new SourceRun(source, new SpecQuery { Tag = new[] { "develop" } }).Specs);
        Assert.Empty(new SourceRun(source, new SpecQuery { Tag = new[] { "*" } }).Specs); // as with tagless pages: -Tag asks for a tag
    }

    [Fact]
    public void ALocalCatalogsRelativeEntriesAreTakenAgainstItsFolderNotTheProcesss()
    {
        MirrorFixtures.WriteV3(_tree, "site/develop", IndexFixtures.V8Index());
        string catalog = _tree.Write("site/catalog.json", "{\"develop\": [{\"label\": \"root\", \"url\": \"develop\"}]}");
        string saved = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetTempPath());
        try
        {
            var source = new CatalogSource(catalog, new FetchOptions { CacheDirectory = Path.Combine(_tree.Root, "cache"), Offline = true });
            var run = new SourceRun(source);
            Assert.Empty(run.Errors);
            Assert.Equal(6, run.Specs.Count);
        }
        finally
        {
            Directory.SetCurrentDirectory(saved);
        }
    }
}
