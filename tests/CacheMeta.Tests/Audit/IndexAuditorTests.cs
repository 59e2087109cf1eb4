using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Audit;
using CacheMeta.Graph;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Audit;

/// <summary>Index audits on a generated index with planted faults, against findings computed from its model.</summary>
public sealed class IndexAuditorTests
{
    private static readonly GeneratedIndex Model =
        GeneratedIndex.Create(new GeneratorOptions { Specs = 400, Seed = 5, MissingEdges = 9, NotInCache = 12, BuildOnlyTools = 3 });

    private static readonly NaiveDag Naive = new(Model);

    private static IndexGraph Read(byte[] index) => GraphFixtures.Read(index, IndexAuditor.ReadOptions(NullSourceObserver.Instance, "develop"));

    private static readonly IndexGraph Graph = Read(GeneratedIndexWriter.ToBytes(Model));

    private static string[] Rows(IEnumerable<CacheIndexFinding> findings, string rule) =>
        findings.Where(f => f.Rule == rule).Select(f => f.Hash + " " + f.DependencyHash).OrderBy(r => r, StringComparer.Ordinal).ToArray();

    [Fact]
    public void MissingDependenciesAreEveryEdgeToAHashNoRecordHas()
    {
        var findings = IndexAuditor.Audit(Graph, "develop", rootHashes: null);
        var expected = Model.Nodes.SelectMany(n => n.Edges.Where(e => Model.Find(e.Hash) is null).Select(e => n.Hash + " " + e.Hash))
            .OrderBy(r => r, StringComparer.Ordinal).ToArray();

        Assert.Equal(Model.Options.MissingEdges, expected.Length);
        Assert.Equal(expected, Rows(findings, IndexRules.MissingDependency));
        var one = findings.First(f => f.Rule == IndexRules.MissingDependency);
        Assert.Equal((FindingSeverity.Error, "develop", "index.json"), (one.Severity, one.Tag, one.Source));
        Assert.Equal(Model.Find(one.Hash)!.Name, one.Package);
        Assert.Contains("which no record of the index has", one.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HolesAreWhatInCacheSpecsNeedThroughLinkAndRunEdges()
    {
        var findings = IndexAuditor.Audit(Graph, "develop", rootHashes: null);
        var expected = Model.Nodes.Where(n => n.InBuildcache).SelectMany(n => Naive.Holes(n.Hash).Select(h => n.Hash + " " + h))
            .OrderBy(r => r, StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Rows(findings, IndexRules.DependencyNotInCache));
        Assert.DoesNotContain(findings, f => f.Dependency?.StartsWith("tool-", StringComparison.Ordinal) == true); // reached through build edges only
        Assert.Contains(Model.Nodes, n => n.Name.StartsWith("tool-", StringComparison.Ordinal) && !n.InBuildcache
            && Model.Nodes.Any(m => m.Edges.Any(e => e.Hash == n.Hash)));
        Assert.All(findings.Where(f => f.Rule == IndexRules.DependencyNotInCache), f => Assert.Equal(Model.Find(f.DependencyHash!)!.Name, f.Dependency));
    }

    [Fact]
    public void FindingsComeRecordByRecordInFileOrder()
    {
        var findings = IndexAuditor.Audit(Graph, null, rootHashes: null);
        var positions = findings.Select(f => Graph.Find(f.Hash)!.Index).ToList();
        Assert.Equal(positions.OrderBy(p => p), positions);
    }

    [Fact]
    public void AStackSpecTheRootLacksIsAnError()
    {
        var root = IndexAuditor.InCacheHashes(Graph);
        Assert.Equal(Model.Nodes.Count(n => n.InBuildcache), root.Count);
        var dropped = Graph.Nodes.Where(n => n.InBuildcache).Where((_, i) => i % 50 == 0).Select(n => n.Hash).ToList();
        root.ExceptWith(dropped);

        var findings = IndexAuditor.Audit(Graph, "develop", root);

        Assert.Equal(dropped.OrderBy(h => h, StringComparer.Ordinal), Rows(findings, IndexRules.StackSpecNotInRoot).Select(r => r.Trim()));
        Assert.All(findings.Where(f => f.Rule == IndexRules.StackSpecNotInRoot), f => Assert.Null(f.DependencyHash));
    }

    [Fact]
    public void SkippedRecordsAreMalformedRecordWarnings()
    {
        var graph = Read(IndexFixtures.V8Index());
        var findings = IndexAuditor.Audit(graph, null, rootHashes: null);

        var malformed = Assert.Single(findings, f => f.Rule == IndexRules.MalformedRecord);
        Assert.Equal((FindingSeverity.Warning, IndexFixtures.V8Bad, "broken"), (malformed.Severity, malformed.Hash, malformed.Package));
        Assert.Contains("'parameters' is not an object", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { (IndexFixtures.V8Zlib, IndexFixtures.Hash("v8wrap")), (IndexFixtures.V8Lost, IndexFixtures.V8Missing) },
            findings.Where(f => f.Rule == IndexRules.MissingDependency).Select(f => (f.Hash, f.DependencyHash!)));
        Assert.Equal(3, findings.Count); // llvm and gfortran are not in the cache, but only build edges lead to them
        Assert.Empty(graph.Specs);
    }

    [Fact]
    public void ACleanIndexHasNoFindings()
    {
        var clean = GeneratedIndex.Create(new GeneratorOptions { Specs = 200, Seed = 8 });
        Assert.Empty(IndexAuditor.Audit(Read(GeneratedIndexWriter.ToBytes(clean)), null, rootHashes: null));
    }
}
