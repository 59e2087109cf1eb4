using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Graph;
using CacheMeta.Query;
using CacheMeta.Query.Spec;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Query;

/// <summary>
/// <c>^</c> in Spack's spec syntax: how it parses, that sources without dependencies refuse it with a caret at the
/// <c>^</c>, and that on an index's graph a term is satisfied by any dependency of any edge type, checked against a
/// naive walk of a generated index.
/// </summary>
public sealed class DependencySpecTests
{
    private static SpecConstraint One(string text) => Assert.Single(SpecConstraint.Parse(text));

    [Fact]
    public void ATermAfterACaretDescribesADependency()
    {
        var spec = One("hdf5@1.14: +mpi ^openmpi@5: +cuda %gcc@13 ^zlib-ng");
        Assert.Equal(("hdf5", "1.14:", "+mpi"), (spec.Name, spec.Version!.Text, string.Join(" ", spec.Variants)));
        Assert.Equal(new[] { "openmpi", "zlib-ng" }, spec.Dependencies.Select(d => d.Name));
        var openmpi = spec.Dependencies[0];
        Assert.Equal(("5:", "+cuda", "gcc@13"), (openmpi.Version!.Text, string.Join(" ", openmpi.Variants), string.Join(" ", openmpi.Compilers)));
        Assert.Equal("^openmpi@5: +cuda %gcc@13", openmpi.Text);
        Assert.True(spec.HasDependencies);
        Assert.True(One("py-numpy ^openblas").HasSpecCriteria);
    }

    [Theory]
    [InlineData("^/abc1234", null, null, "abc1234", "", "None")]
    [InlineData("hdf5 ^mpi=openmpi", "hdf5", "openmpi", null, "mpi", "None")]
    [InlineData("hdf5 ^c,cxx=llvm", "hdf5", "llvm", null, "c,cxx", "None")]
    [InlineData("hdf5 ^[virtuals=mpi deptypes=build,link] openmpi", "hdf5", "openmpi", null, "mpi", "Build, Link")]
    [InlineData("^[deptypes=run] python", null, "python", null, "", "Run")]
    public void EdgeAttributesAndAnonymousSpecsParse(string text, string? root, string? dependency, string? hash, string virtuals, string types)
    {
        var spec = One(text);
        var term = Assert.Single(spec.Dependencies);
        Assert.Equal((root, dependency, hash, virtuals, types), (spec.Name, term.Name, term.Hash, string.Join(",", term.Virtuals), term.DependencyTypes.ToString()));
    }

    [Theory]
    [InlineData("hdf5 ^openmpi@5: ^zlib", "hdf5 ^openmpi@5: ^zlib")]
    [InlineData("hdf5 ^mpi=openmpi", "hdf5 ^mpi=openmpi")]
    [InlineData("hdf5 ^[deptypes=link virtuals=mpi] openmpi", "hdf5 ^[virtuals=mpi deptypes=link] openmpi")]
    public void DependenciesPrintInSpacksOrder(string text, string expected) => Assert.Equal(expected, One(text).ToString());

    [Fact]
    public void ANameAfterADependencysNameStartsTheNextSpec()
    {
        var specs = SpecConstraint.Parse("hdf5 ^openmpi cmake ^/abc");
        Assert.Equal(new[] { "hdf5 ^openmpi", "cmake ^/abc" }, specs.Select(s => s.Text));
        Assert.Equal("abc", specs[1].Dependencies.Single().Hash);
    }

    [Theory]
    [InlineData("hdf5 ^", 6, "A dependency is expected after '^'")]
    [InlineData("hdf5 ^ ^zlib", 6, "A dependency is expected after '^'")]
    [InlineData("hdf5 ^mpi=", 6, "A package that provides mpi is expected")]
    [InlineData("hdf5 ^[when=+mpi] openmpi", 8, "'when' is not supported; indexes record")]
    [InlineData("hdf5 ^[deptypes=link,foo] x", 17, "'foo' is not a dependency type")]
    public void MalformedDependenciesPointAtTheColumn(string text, int column, string reason)
    {
        var error = Assert.Throws<CacheMetaException>(() => SpecConstraint.Parse(text));
        Assert.Equal((ErrorIds.InvalidSpecSyntax, column), (error.ErrorId, error.Column));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourcesWithoutDependenciesRefuseTheTermsAtTheCaret()
    {
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { "zlib", "hdf5 +mpi ^openmpi" } });
        Assert.True(query.HasDependencyConstraints);
        var error = Assert.Throws<CacheMetaException>(query.RejectDependencyConstraints);
        Assert.Equal((ErrorIds.InvalidSpecSyntax, CacheErrorKind.InvalidArgument, 11), (error.ErrorId, error.Kind, error.Column));
        Assert.StartsWith("The spec is not valid at column 11: Pages do not record dependencies; read an index instead.", error.Message, StringComparison.Ordinal);
        Assert.Equal(CacheRemedy.ReadIndex, error.Remedy);
        Assert.EndsWith("  hdf5 +mpi ^openmpi" + Environment.NewLine + "  " + new string(' ', 10) + "^", error.Message, StringComparison.Ordinal);

        var spec = new CacheSpec("hdf5", null, new string('a', 32), new[] { "1" }, null, null, null, null, null, null, null, null, null);
        Assert.Equal(ErrorIds.InvalidSpecSyntax, Assert.Throws<CacheMetaException>(() => query.MatchesSpec(spec)).ErrorId);
        Assert.Throws<InvalidOperationException>(() => query.MatchesRecord(new QueryMemo(), "hdf5", spec.Hash!, null, null, null, null, null,
            spec.Versions, Array.Empty<string>(), Array.Empty<string>()));
        new CompiledQuery(new SpecQuery { Spec = new[] { "hdf5 +mpi" } }).RejectDependencyConstraints(); // nothing to refuse
    }

    private static readonly GeneratedIndex Model =
        GeneratedIndex.Create(new GeneratorOptions { Specs = 400, Seed = 21, MissingEdges = 8, NotInCache = 10, BuildOnlyTools = 3 });

    private static readonly IndexGraph Graph = GraphFixtures.Read(GeneratedIndexWriter.ToBytes(Model));

    public static TheoryData<string> Terms()
    {
        var specs = Model.Nodes.Where(n => n.InBuildcache && n.Name.Contains('-', StringComparison.Ordinal) == false).ToList();
        var some = specs[specs.Count / 2];
        var lost = Model.MissingHashes[0];
        return new()
        {
            "^" + some.Name,                                   // any spec depending on that package
            $"* ^{some.Name}@{some.Version}",                  // ... at that version
            $"^/{some.Hash.Substring(0, 7)}",                  // ... on that very record
            $"^/{lost.Substring(0, 9)}",                       // a hash no record has
            "^glibc ^" + some.Name,                            // two terms
            "^mpi",                                            // a virtual: any provider of mpi
            "^mpi=" + Model.Nodes.First(n => n.Provides.Contains("mpi")).Name,
            "^[deptypes=build] tool-*",                        // only through a build edge
            "^[deptypes=link] tool-*",                         // never: tools are build-only
            "^gcc-runtime target=neoverse_v1",                 // the dependency's own values
        };
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void OnAGraphATermMatchesWhenAnyDependencySatisfiesIt(string text)
    {
        var query = new CompiledQuery(new SpecQuery { Spec = new[] { text } });
        var matched = Graph.Specs.Where(s => query.MatchesSpec(s, Graph)).Select(s => s.Hash!).OrderBy(h => h, StringComparer.Ordinal).ToList();
        var spec = query.Specs.Single();
        var expected = Model.Nodes.Where(n => n.InBuildcache && spec.MatchesName(n.Name) && spec.Dependencies.All(d => NaiveHas(n, d)))
            .Select(n => n.Hash).OrderBy(h => h, StringComparer.Ordinal).ToList();

        Assert.Equal(expected, matched);
        if (!text.Contains("deptypes=link", StringComparison.Ordinal))
        {
            Assert.NotEmpty(matched);
        }
    }

    // A naive reading of Spack's '^': some edge anywhere under the spec (any types) leads to a record that satisfies
    // the term, the edge having the term's types and virtuals; a bare name also matches a provided virtual.
    private static bool NaiveHas(GeneratedNode root, SpecConstraint term)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Walk(root);

        bool Walk(GeneratedNode node)
        {
            foreach (var edge in node.Edges)
            {
                var target = Model.Find(edge.Hash);
                bool edgeOk = (edge.Types & term.DependencyTypes) == term.DependencyTypes && term.Virtuals.All(edge.Virtuals.Contains);
                bool nodeOk = target is null
                    ? term.Version is null && term.Target is null && term.MatchesName(edge.Name) && (term.Hash is null || edge.Hash.StartsWith(term.Hash, StringComparison.Ordinal))
                    : term.MatchesName(target.Name) && (term.Hash is null || target.Hash.StartsWith(term.Hash, StringComparison.Ordinal))
                        && (term.Version is null || term.Version.IsSatisfiedBy(SpackVersion.Parse(target.Version)))
                        && (term.Target is null || target.Toolchain.Target == term.Target);
                bool virtualOk = term.Name is not null && !term.HasSpecCriteria && term.Virtuals.Count == 0 && edge.Virtuals.Any(term.MatchesName);
                if (edgeOk && (nodeOk || virtualOk))
                {
                    return true;
                }

                if (target is not null && seen.Add(target.Hash) && Walk(target))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
