using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Audit;
using CacheMeta.Graph;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tags;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;
using Xunit.Abstractions;

namespace CacheMeta.Tests.Fuzzing;

/// <summary>
/// The other readers under the same mutation fuzzer as pages: build-cache indexes (every database version and
/// record shape the fixtures write), v3 manifests, catalogs and the site's tags.yaml. Each must give a result or
/// a CacheMetaException (a malformed index record is skipped with a warning), within the time and memory bounds.
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(FuzzCollection.Name)]
public sealed class ReaderFuzzTests : IDisposable
{
    private const int Seed = 20251126;
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);
    private const int MinimumInputs = 51;
    private readonly ITestOutputHelper _output;
    private readonly TempTree _tree = new();

    public ReaderFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _tree.Dispose();

    private void Run(FuzzTarget target)
    {
        var report = FuzzRunner.Run(target, Seed, FuzzRunner.Budget(1.5), PerInputLimit, MinimumInputs);
        _output.WriteLine($"fuzz {report.Target}: {report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:0.0} s, "
            + $"{report.Rejected:N0} rejected with CacheMetaException, max {report.MaxAllocatedBytes:N0} bytes allocated by one input");
        Assert.True(report.Failure is null, report.Failure);
        Assert.True(report.Inputs >= MinimumInputs, $"only {report.Inputs} inputs ran in {report.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void IndexReaderOnlyEverReportsCacheMetaExceptions()
    {
        string path = Path.Combine(_tree.Root, "index.json");
        var seeds = new List<byte[]> { IndexFixtures.V7Index(), IndexFixtures.V8Index(), IndexFixtures.V8Index(versionLast: true), IndexFixtures.Gzip(IndexFixtures.V7Index()),
            EdgeFixtures.V6Index() };
        Run(new FuzzTarget("index.json", seeds, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            using var index = LocalIndex.TryOpen(path, path)!;
            foreach (var spec in new IndexSpecReader(index, new IndexReadScope(null), CompiledQuery.All, new RecordingObserver()).Read(CancellationToken.None))
            {
                Assert.NotNull(spec.Hash);
            }
        }));
    }

    [Fact]
    public void GraphReaderAuditAndDependencyQueriesOnlyEverReportCacheMetaExceptions()
    {
        string path = Path.Combine(_tree.Root, "graph.json");
        var seeds = new List<byte[]>
        {
            IndexFixtures.V7Index(), IndexFixtures.V8Index(), EdgeFixtures.V6Index(),
            GeneratedIndexWriter.ToBytes(GeneratedIndex.Create(new GeneratorOptions { Specs = 40, Seed = 2, MissingEdges = 2, NotInCache = 2, BuildOnlyTools = 1 })),
        };
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { "^glibc", "* ^mpi=zlib-ng@2: ^/abc" } });
        Run(new FuzzTarget("index graph", seeds, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            using var index = LocalIndex.TryOpen(path, path)!;
            var graph = IndexGraphReader.Read(index, new GraphReadOptions { Observer = new RecordingObserver() }, CancellationToken.None);
            foreach (var spec in graph.Specs)
            {
                query.MatchesSpec(spec, graph);
                graph.Dependencies(spec, DependencyWalks.InstallTypes, recurse: true);
                graph.Dependents(spec, DependencyWalks.InstallTypes, recurse: true);
            }

            IndexAuditor.Audit(graph, null, IndexAuditor.InCacheHashes(graph));
        }));
    }

    [Fact]
    public void ManifestReaderOnlyEverReportsCacheMetaExceptions()
    {
        string sum = new string('a', 64);
        var seeds = new List<byte[]> { MirrorFixtures.Manifest(sum, 1234, gzip: false, 8), MirrorFixtures.Manifest(sum, 99, gzip: true, 9) };
        Run(new FuzzTarget("index.manifest.json", seeds, bytes => IndexManifest.ChooseIndex(bytes, "fuzz.manifest.json")));
    }

    [Fact]
    public void CatalogReaderOnlyEverReportsCacheMetaExceptions()
    {
        var seeds = new List<byte[]>
        {
            Encoding.UTF8.GetBytes("{\"develop\": [{\"label\": \"root\", \"url\": \"s3://spack-binaries/develop/v3/manifests/index/index.manifest.json\"}, "
                + "{\"label\": \"e4s\", \"url\": \"https://binaries.spack.io/develop/e4s/build_cache/index.json\"}], "
                + "\"v0.23.1\": [{\"label\": \"root\", \"url\": \"s3://spack-binaries/v0.23.1/build_cache/index.json\"}]}"),
        };
        Run(new FuzzTarget("catalog", seeds, bytes =>
        {
            new TagCollector().Add(Catalog.Parse(bytes, "fuzz.json"));
        }));
    }

    [Fact]
    public void TagListReaderOnlyEverReportsCacheMetaExceptions()
    {
        var seeds = new List<byte[]>
        {
            Encoding.UTF8.GetBytes("- name: develop\n  stacks:\n  - e4s\n  - root\n- name: v0.23.1\n  stacks: [e4s, root]\n- name: develop-2025-03-30\n  stacks:\n  - root\n"),
        };
        if (TestPaths.Corpus is not null && File.Exists(TestPaths.CorpusFile("data", "tags.yaml")))
        {
            seeds.Add(File.ReadAllBytes(TestPaths.CorpusFile("data", "tags.yaml")));
        }

        Run(new FuzzTarget("tags.yaml", seeds, bytes => TagListReader.Read(Encoding.UTF8.GetString(bytes), "fuzz.yaml", new TagCollector())));
    }
}
