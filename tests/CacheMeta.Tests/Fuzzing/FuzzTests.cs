using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CacheMeta.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of every reader, with a fixed seed and a budget of seconds in the test suite
/// (longer with build.ps1 -Task Fuzz -Seconds N). Each input must give a result or a CacheMetaException,
/// within a time limit and bounded allocation.
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests
{
    private const int Seed = 20251125;
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);
    private const int MinimumInputs = 101;
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    private void Run(FuzzTarget target, double defaultSeconds = 2)
    {
        var report = FuzzRunner.Run(target, Seed, FuzzRunner.Budget(defaultSeconds), PerInputLimit, MinimumInputs);
        _output.WriteLine($"fuzz {report.Target}: {report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:0.0} s, "
            + $"{report.Rejected:N0} rejected with CacheMetaException, max {report.MaxAllocatedBytes:N0} bytes allocated by one input");
        Assert.True(report.Failure is null, report.Failure);
        Assert.True(report.Inputs >= MinimumInputs, $"only {report.Inputs} inputs ran in {report.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void PageReadersOnlyEverReportCacheMetaExceptions() => Run(new FuzzTarget("pages", PageSeeds(), bytes =>
    {
        // Both readings: the fast path with its fallback, and the YAML reference alone. Where both accept the
        // input they must agree, which fuzzes the claim that the fast path equals the YAML reading.
        var fast = new PageParser(CompiledQuery.All, packageOnly: false).Parse(bytes, "fuzz.md");
        var yaml = new PageParser(CompiledQuery.All, packageOnly: false) { YamlOnly = true }.Parse(bytes, "fuzz.md");
        if (fast.Page is not null && yaml.Page is not null)
        {
            PageAssert.Equal(yaml.Page, fast.Page);
        }
        else if ((fast.Page is null) != (yaml.Page is null))
        {
            throw new InvalidOperationException($"fast and YAML readings disagree: fast {fast.Error?.Message ?? "ok"}, yaml {yaml.Error?.Message ?? "ok"}");
        }

        if (fast.Error is not null)
        {
            throw fast.Error;
        }
    }));

    [Fact]
    public void PageReadersAgreeUnderASelectiveQuery()
    {
        // A query that reads only some record fields: the fast path decodes the others only for matches.
        var query = new CompiledQuery(new SpecQuery { Stack = new[] { "e4s*" }, Target = new[] { "x86_64_v3", "neoverse_v1" } });
        Run(new FuzzTarget("pages, filtered", PageSeeds(), bytes =>
        {
            var fast = new PageParser(query, packageOnly: false).Parse(bytes, "fuzz.md");
            var yaml = new PageParser(query, packageOnly: false) { YamlOnly = true }.Parse(bytes, "fuzz.md");
            if (fast.Page is not null && yaml.Page is not null)
            {
                PageAssert.Equal(yaml.Page, fast.Page);
            }
            else if ((fast.Page is null) != (yaml.Page is null) || (fast.Error is null) != (yaml.Error is null))
            {
                throw new InvalidOperationException($"fast and YAML readings disagree: fast {fast.Error?.Message ?? "ok"}, yaml {yaml.Error?.Message ?? "ok"}");
            }
        }), defaultSeconds: 1.5);
    }

    internal static IReadOnlyList<byte[]> PageSeeds()
    {
        var seeds = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(Fixtures.ZlibPage()),
            Encoding.UTF8.GetBytes(Fixtures.ZlibPage("\r\n")),
            Encoding.UTF8.GetBytes("---\ntitle: \"old\"\nlayout: cache\ncategories: [package, develop]\nmeta: {\"versions\": [\"1.0\"]}\n"
                + "spec_files:\n - spec-0.json\nspec_names:\n - 'old@1.0%gcc@7.5.0+x~y cflags=\"-O2\" arch=linux-rhel7-x86_64 ^dep@2'\n---\nbody"),
            Encoding.UTF8.GetBytes("---\ntitle: \"older\"\ncategory: package\nspec_files: \n - \"older@2%gcc@4 arch=linux-centos6-x86_64\": spec-0.json\n\n---"),
        };
        seeds.AddRange(TestPaths.CorpusPages().Where(p => new FileInfo(p).Length < 20_000).Select(File.ReadAllBytes));
        return seeds;
    }
}

/// <summary>Fuzzing runs alone, after the other tests, so its budget buys a steady number of inputs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzzing";
}
