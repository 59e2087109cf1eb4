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
        findings.Where(f => f.Rule == rule).Select(f => f.Hash).OrderBy(r => r, StringComparer.Ordinal).ToArray();

    [Fact]
    public void MissingDependenciesAreEveryHashNoRecordHasOnceWithTheFirstRecordThatNeedsIt()
    {
        var findings = IndexAuditor.Audit(Graph, "develop", rootHashes: null).Where(f => f.Rule == IndexRules.MissingDependency).ToList();
        var referrers = Model.Nodes.SelectMany(n => n.Edges.Where(e => Model.Find(e.Hash) is null).Select(e => (Node: n, Edge: e))).ToList();

        Assert.Equal(Model.MissingHashes.OrderBy(h => h, StringComparer.Ordinal), Rows(findings, IndexRules.MissingDependency));
        Assert.Equal(referrers.Select(r => r.Edge.Hash).Distinct(), findings.Select(f => f.Hash)); // in the order of their first edge
        foreach (var finding in findings)
        {
            var first = referrers.First(r => r.Edge.Hash == finding.Hash);
            Assert.Equal((FindingSeverity.Error, "develop", "index.json", first.Edge.Name, first.Node.Name, first.Node.Hash),
                (finding.Severity, finding.Tag, finding.Source, finding.Package, finding.NeededBy, finding.NeededByHash));
            Assert.Contains("No record of the index has " + first.Edge.Name, finding.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HolesAreTheRecordsInCacheSpecsNeedThroughLinkAndRunEdges()
    {
        var findings = IndexAuditor.Audit(Graph, "develop", rootHashes: null).Where(f => f.Rule == IndexRules.DependencyNotInCache).ToList();
        var inCache = Model.Nodes.Where(n => n.InBuildcache).ToList();
        var expected = inCache.SelectMany(n => Naive.Holes(n.Hash)).Distinct().OrderBy(h => h, StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Rows(findings, IndexRules.DependencyNotInCache));
        Assert.Equal(findings.Select(f => Graph.Find(f.Hash)!.Index).OrderBy(i => i), findings.Select(f => Graph.Find(f.Hash)!.Index));
        foreach (var finding in findings)
        {
            // The nearest in-cache spec that needs it, the first in file order among the nearest.
            int nearest = inCache.Min(n => Naive.Closure(n.Hash, Install).TryGetValue(finding.Hash, out int d) ? d : int.MaxValue);
            var first = inCache.OrderBy(n => Graph.Find(n.Hash)!.Index)
                .First(n => Naive.Closure(n.Hash, Install).TryGetValue(finding.Hash, out int d) && d == nearest);
            Assert.Equal((Model.Find(finding.Hash)!.Name, first.Hash), (finding.Package, finding.NeededByHash));
        }

        Assert.DoesNotContain(findings, f => f.Package!.StartsWith("tool-", StringComparison.Ordinal)); // reached through build edges only
        Assert.Contains(Model.Nodes, n => n.Name.StartsWith("tool-", StringComparison.Ordinal) && !n.InBuildcache
            && Model.Nodes.Any(m => m.InBuildcache && m.Edges.Any(e => e.Hash == n.Hash)));
    }

    private const DependencyTypes Install = DependencyTypes.Link | DependencyTypes.Run;

    [Fact]
    public void AStackSpecTheRootLacksIsAnError()
    {
        var root = IndexAuditor.InCacheHashes(Graph);
        Assert.Equal(Model.Nodes.Count(n => n.InBuildcache), root.Count);
        var dropped = Graph.Nodes.Where(n => n.InBuildcache).Where((_, i) => i % 50 == 0).Select(n => n.Hash).ToList();
        root.ExceptWith(dropped);

        var findings = IndexAuditor.Audit(Graph, "develop", root);

        Assert.Equal(dropped.OrderBy(h => h, StringComparer.Ordinal), Rows(findings, IndexRules.StackSpecNotInRoot).Select(r => r.Trim()));
        Assert.All(findings.Where(f => f.Rule == IndexRules.StackSpecNotInRoot), f => Assert.Null(f.NeededByHash));
    }

    [Fact]
    public void SkippedRecordsAreMalformedRecordWarnings()
    {
        var graph = Read(IndexFixtures.V8Index());
        var findings = IndexAuditor.Audit(graph, null, rootHashes: null);

        var malformed = Assert.Single(findings, f => f.Rule == IndexRules.MalformedRecord);
        Assert.Equal((FindingSeverity.Warning, IndexFixtures.V8Bad, "broken"), (malformed.Severity, malformed.Hash, malformed.Package));
        Assert.Contains("'parameters' is not an object", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { (IndexFixtures.Hash("v8wrap"), IndexFixtures.V8Zlib), (IndexFixtures.V8Missing, IndexFixtures.V8Lost) },
            findings.Where(f => f.Rule == IndexRules.MissingDependency).Select(f => (f.Hash, f.NeededByHash!)));
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
