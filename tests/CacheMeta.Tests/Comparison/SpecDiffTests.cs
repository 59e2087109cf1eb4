using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CacheMeta.Comparison;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Comparison;

public sealed class SpecDiffTests
{
    private static CacheSpec Spec(string hash, string package = "zlib", string version = "1.3.1", string compiler = "gcc@=13.2.0",
        string os = "ubuntu22.04", string[]? variants = null, string[]? stacks = null, string tag = "v1") =>
        new(package, tag, hash, new[] { version }, compiler, os, "linux", "x86_64_v3", variants ?? new[] { "+shared" },
            stacks ?? new[] { "e4s", "root" }, null, null, "/site/" + tag);

    [Fact]
    public void ClassifiesEverySpecByHash()
    {
        var before = new[] { Spec("aaaa"), Spec("bbbb"), Spec("cccc", os: "rhel8", stacks: new[] { "root", "tutorial" }) };
        var after = new[] { Spec("cccc", os: "rhel9", stacks: new[] { "e4s", "root" }, tag: "v2"), Spec("dddd", tag: "v2"), Spec("aaaa", tag: "v2") };

        var result = SpecDiff.Compare(before, after);

        Assert.Equal(new[] { ("bbbb", CacheSpecChange.Removed), ("cccc", CacheSpecChange.Changed), ("dddd", CacheSpecChange.Added) },
            result.Differences.Select(d => (d.Hash!, d.Change)));
        var changed = result.Differences[1];
        Assert.Equal(new[] { "OS", "Stacks" }, changed.ChangedProperties);
        Assert.Equal("OS: rhel8 -> rhel9; Stacks: +e4s -tutorial", changed.Details);
        Assert.Equal("v1", changed.ReferenceSpec!.Tag);
        Assert.Equal("v2", changed.DifferenceSpec!.Tag);
        Assert.Null(result.Differences[0].DifferenceSpec);
        Assert.Null(result.Differences[2].ReferenceSpec);
        Assert.Empty(result.Differences[2].ChangedProperties);
    }

    [Fact]
    public void IncludeEqualAddsTheSameSpecs()
    {
        var result = SpecDiff.Compare(new[] { Spec("aaaa"), Spec("bbbb") }, new[] { Spec("aaaa", tag: "v2") }, new SpecDiffOptions { IncludeEqual = true });

        Assert.Equal(new[] { CacheSpecChange.Equal, CacheSpecChange.Removed }, result.Differences.Select(d => d.Change));
    }

    [Theory]
    [InlineData("gcc@=13.2.0", "gcc@13.2.0")]
    [InlineData("oneapi@=2024.2.1", "intel-oneapi-compilers@2024.2.1")]
    public void CompilerSpellingsOfTwoGenerationsAreNoChange(string before, string after) =>
        Assert.Empty(SpecDiff.Compare(new[] { Spec("aaaa", compiler: before) }, new[] { Spec("aaaa", compiler: after) }).Differences);

    [Fact]
    public void VariantsAndStacksCompareAsSets()
    {
        var before = Spec("aaaa", variants: new[] { "+shared", "patches:=abc,def" }, stacks: new[] { "root", "e4s" });
        var after = Spec("aaaa", variants: new[] { "patches=def", "patches=abc", "+shared" }, stacks: new[] { "e4s", "root" });
        Assert.Empty(SpecDiff.Compare(new[] { before }, new[] { after }).Differences);

        var more = Spec("aaaa", variants: new[] { "+shared", "patches:=abc,xyz" });
        var changed = Assert.Single(SpecDiff.Compare(new[] { before }, new[] { more }).Differences);
        Assert.Equal("Variants: +patches=xyz -patches=def", changed.Details);
    }

    [Fact]
    public void PropertiesLimitWhatCounts()
    {
        var before = new[] { Spec("aaaa", os: "rhel8", stacks: new[] { "root" }) };
        var after = new[] { Spec("aaaa", os: "rhel9", stacks: new[] { "root", "e4s" }) };

        var onlyStacks = Assert.Single(SpecDiff.Compare(before, after, new SpecDiffOptions { Properties = new[] { "stacks" } }).Differences);
        Assert.Equal(new[] { "Stacks" }, onlyStacks.ChangedProperties);
        Assert.Empty(SpecDiff.Compare(before, after, new SpecDiffOptions { Properties = new[] { "Compiler" } }).Differences);
    }

    [Fact]
    public void RepeatedHashesAreComparedOnceAndCounted()
    {
        var result = SpecDiff.Compare(new[] { Spec("aaaa"), Spec("aaaa", tag: "v0") }, new[] { Spec("aaaa", os: "rhel9") });

        Assert.Equal(1, result.ReferenceRepeats);
        Assert.Equal(0, result.DifferenceRepeats);
        Assert.Equal("v1", Assert.Single(result.Differences).ReferenceSpec!.Tag);
    }

    [Fact]
    public void SpecsWithoutHashesMatchBySpecString()
    {
        var old = new CacheSpec("swig", null, null, new[] { "4.0.2" }, "gcc@7.5.0", "ubuntu18.04", "linux", "x86_64", null, null, null, null, null);
        var other = new CacheSpec("swig", null, null, new[] { "4.0.1" }, "gcc@7.5.0", "ubuntu18.04", "linux", "x86_64", null, null, null, null, null);

        Assert.Empty(SpecDiff.Compare(new[] { old }, new[] { old }).Differences);
        // Ordered by version: the added 4.0.1 before the removed 4.0.2.
        Assert.Equal(new[] { CacheSpecChange.Added, CacheSpecChange.Removed },
            SpecDiff.Compare(new[] { old }, new[] { other }).Differences.Select(d => d.Change));
    }

    [Fact]
    public void SummaryCountsPerPackage()
    {
        var before = new[] { Spec("aaaa"), Spec("bbbb"), Spec("cccc", package: "cmake"), Spec("dddd", package: "cmake") };
        var after = new[] { Spec("aaaa"), Spec("bbbb", os: "rhel9"), Spec("eeee"), Spec("ffff", package: "cmake") };

        var rows = SpecDiff.Summarize(SpecDiff.Compare(before, after, new SpecDiffOptions { IncludeEqual = true }).Differences);

        Assert.Equal(new[] { "cmake: +1 -2 ~0 =0", "zlib: +1 -0 ~1 =1" }, rows.Select(r => r.ToString()));
    }

    [CorpusFact]
    public void TwoRealSnapshotsOfCmake()
    {
        string older = TestPaths.CorpusFile("real", "develop-2025-03-23", "cmake", "specs.md");
        string newer = TestPaths.CorpusFile("real", "develop-2025-03-30", "cmake", "specs.md");
        var olderHashes = Hashes(older);
        var newerHashes = Hashes(newer);

        var result = SpecDiff.Compare(PageReader.ReadFile(older).Page!.Specs, PageReader.ReadFile(newer).Page!.Specs);

        var removed = result.Differences.Where(d => d.Change == CacheSpecChange.Removed).Select(d => d.Hash!).ToHashSet();
        var added = result.Differences.Where(d => d.Change == CacheSpecChange.Added).Select(d => d.Hash!).ToHashSet();
        Assert.Equal(32, removed.Count);
        Assert.Equal(38, added.Count);
        Assert.True(removed.SetEquals(olderHashes.Except(newerHashes)));
        Assert.True(added.SetEquals(newerHashes.Except(olderHashes)));
        Assert.Equal(olderHashes.Intersect(newerHashes).Count(), result.Differences.Count(d => d.Change == CacheSpecChange.Changed));
        var summary = Assert.Single(SpecDiff.Summarize(result.Differences));
        Assert.Equal("cmake: +38 -32 ~0 =0", summary.ToString());
    }

    // The page's hashes straight from its JSON line, without CacheMeta's readers.
    private static HashSet<string> Hashes(string page)
    {
        string line = File.ReadLines(page).First(l => l.StartsWith("spec_details: ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line.Substring("spec_details: ".Length));
        return json.RootElement.EnumerateArray().Select(r => r.GetProperty("hash").GetString()!).ToHashSet();
    }
}
