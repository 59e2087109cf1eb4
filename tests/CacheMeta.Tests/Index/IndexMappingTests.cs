using System;
using System.Linq;
using System.Text;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>Index records become exactly the spec records the pages show, for database 7 and 8 indexes.</summary>
public sealed class IndexMappingTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose() => _tree.Dispose();

    private SourceRun Read(byte[] index, SpecQuery? query = null, bool packageOnly = false, string name = "build_cache/index.json")
    {
        string path = _tree.WriteBytes("mirror/" + name, index);
        var options = new FetchOptions { CacheDirectory = _tree.Root + "/cache", Offline = true };
        return new SourceRun(new MirrorSource(new[] { path }, options), query, packageOnly, _observer);
    }

    [Fact]
    public void Database7RecordsReadAsG6PagesShowThem()
    {
        var run = Read(IndexFixtures.V7Index());
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V7Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        Assert.All(run.Specs, s => Assert.Null(s.Tag));
        Assert.All(run.Specs, s => Assert.Empty(s.Stacks));
        Assert.All(run.Specs, s => Assert.EndsWith("build_cache/index.json", s.Source));
        Assert.Equal(new[] { "gcc", "apple-clang", "gcc" }, run.Specs.Select(s => s.CompilerName));
        Assert.Equal(new[] { "x86_64", "aarch64", "aarch64" }, run.Specs.Select(s => s.TargetFamily));
    }

    [Fact]
    public void Database7SkipsAMalformedRecordWithAWarningNamingItsHash()
    {
        Read(IndexFixtures.V7Index());
        string warning = Assert.Single(_observer.Warnings);
        Assert.Contains(IndexFixtures.V7Bad, warning);
        Assert.Contains("'name' is not a string", warning);
    }

    [Fact]
    public void Database8CompilersComeFromBuildEdgesIncludingForwardReferences()
    {
        var run = Read(IndexFixtures.V8Index());
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
        string warning = Assert.Single(_observer.Warnings);
        Assert.Contains(IndexFixtures.V8Bad, warning);
    }

    [Fact]
    public void AVersionWrittenAfterTheRecordsIsFoundFirst()
    {
        var run = Read(IndexFixtures.V8Index(versionLast: true));
        Assert.Empty(run.Errors);
        Assert.Equal(IndexFixtures.V8Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
    }

    [Fact]
    public void AGzipIndexIsReadLikeAPlainOne()
    {
        var run = Read(IndexFixtures.Gzip(IndexFixtures.V7Index()));
        Assert.Equal(IndexFixtures.V7Expected, run.Specs.Select(IndexFixtures.Row).ToArray());
    }

    [Fact]
    public void ANameQueryStillResolvesCompilersOfSkippedRecords()
    {
        var run = Read(IndexFixtures.V8Index(), new SpecQuery { Name = new[] { "zlib-ng", "CMAKE" } });
        Assert.Equal(new[] { "zlib-ng gcc@13.3.0", "cmake gcc@13.3.0" }, run.Specs.Select(s => s.Package + " " + s.Compiler));
    }

    [Theory]
    [InlineData("Compiler", "gcc@13", "zlib-ng,cmake")]
    [InlineData("Compiler", "none", "aida,xz")]
    [InlineData("Compiler", "gcc@11.4.0", "bzip2")]
    [InlineData("Variant", "patches:=dbc3892", "cmake")]
    [InlineData("Variant", "+pic", "zlib-ng,xz")]
    [InlineData("TargetFamily", "aarch64", "zlib-ng")]
    [InlineData("Version", "2:", "zlib-ng,py-numpy,aida,cmake,xz")]
    public void SpecFiltersApplyToIndexRecords(string parameter, string value, string expected)
    {
        var query = new SpecQuery();
        typeof(SpecQuery).GetProperty(parameter)!.SetValue(query, new[] { value });
        var run = Read(IndexFixtures.V8Index(), query);
        Assert.Equal(expected, string.Join(",", run.Specs.Select(s => s.Package)));
    }

    [Fact]
    public void AHashPrefixSelectsOneRecord()
    {
        var run = Read(IndexFixtures.V7Index(), new SpecQuery { Hash = new[] { "/" + IndexFixtures.V7Py.Substring(0, 6).ToUpperInvariant() } });
        Assert.Equal(IndexFixtures.V7Py, Assert.Single(run.Specs).Hash);
    }

    [Theory]
    [InlineData("10", "database version 10, newer than the newest CacheMeta reads (9)")]
    [InlineData("5", "database version 5, older than the oldest CacheMeta reads (6")]
    [InlineData("0.9.3", "database version 0.9.3, older")]
    public void AnUnsupportedDatabaseVersionIsAnErrorNamingIt(string version, string message)
    {
        var run = Read(IndexFixtures.Database(version, Array.Empty<(string, System.Text.Json.Nodes.JsonNode)>()));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.UnsupportedIndexVersion, error.ErrorId);
        Assert.Equal(CacheErrorKind.NotImplemented, error.Kind);
        Assert.Contains(message, error.Message);
        Assert.Empty(run.Specs);
    }

    [Fact]
    public void Database6ListsWithTypeAndANumericVersionRead()
    {
        string text = "{\"database\": {\"version\": 6, \"installs\": {\"" + IndexFixtures.Hash("six") + "\": {\"spec\": {\"name\": \"m4\", "
            + "\"version\": \"1.4.19\", \"arch\": {\"platform\": \"linux\", \"platform_os\": \"centos7\", \"target\": \"x86_64\"}, "
            + "\"compiler\": {\"name\": \"gcc\", \"version\": \"9.3.0\"}, \"parameters\": {\"sigsegv\": true, \"patches\": [\"" + new string('c', 64) + "\"]}, "
            + "\"dependencies\": [{\"name\": \"libsigsegv\", \"hash\": \"" + IndexFixtures.Hash("dep") + "\", \"type\": [\"build\", \"link\"]}]}, "
            + "\"ref_count\": 0, \"in_buildcache\": true}}}}";
        var run = Read(Encoding.UTF8.GetBytes(text));
        var spec = Assert.Single(run.Specs);
        Assert.Equal(new[] { IndexFixtures.Hash("six"), "m4", "1.4.19", "gcc@=9.3.0", "centos7", "linux", "x86_64", "patches=ccccccc|+sigsegv" },
            IndexFixtures.Row(spec));
    }

    [Fact]
    public void ATruncatedIndexIsInvalidIndexAfterTheRecordsBeforeTheBreak()
    {
        byte[] whole = IndexFixtures.V7Index();
        string text = Encoding.UTF8.GetString(whole);
        int cut = text.IndexOf(IndexFixtures.V7Py, StringComparison.Ordinal);
        var run = Read(Encoding.UTF8.GetBytes(text.Substring(0, cut + 40)));
        Assert.Equal(new[] { "zlib", "cmake" }, run.Specs.Select(s => s.Package));
        var error = Assert.Single(run.Errors);
        Assert.Equal(ErrorIds.InvalidIndex, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void WholePackagesAggregateAsTheGeneratorDoes()
    {
        var run = Read(IndexFixtures.V8Index(), packageOnly: true);
        Assert.Equal(new[] { "aida", "bzip2", "cmake", "py-numpy", "xz", "zlib-ng" }, run.Packages.Select(p => p.Name));
        var cmake = run.Packages.Single(p => p.Name == "cmake");
        Assert.Equal(1, cmake.NumSpecs);
        Assert.Equal(new[] { "gcc@13.3.0" }, cmake.Compilers);
        Assert.Equal(new[] { "3.31.6" }, cmake.Versions);
        Assert.Empty(cmake.Stacks);
    }
}
