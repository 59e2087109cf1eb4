using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

/// <summary>Every real page of the shared corpus, all generations (skipped when the corpus is absent).</summary>
public sealed class CorpusPageTests
{
    [CorpusTheory]
    [MemberData(nameof(TestPaths.CorpusPageData), MemberType = typeof(TestPaths))]
    public void EveryPageReadsWithoutError(string relativePath)
    {
        var result = PageReader.ReadFile(Path.Combine(TestPaths.Corpus!, relativePath));

        Assert.Null(result.Error);
        Assert.NotNull(result.Page);
        Assert.Equal(result.Page!.EntryCount, result.Page.Specs.Count);
        Assert.True(result.Page.EntryCount > 0);
    }

    [CorpusTheory]
    [MemberData(nameof(TestPaths.CorpusPageData), MemberType = typeof(TestPaths))]
    public void FastReadingEqualsYamlReading(string relativePath)
    {
        string path = Path.Combine(TestPaths.Corpus!, relativePath);
        byte[] bytes = File.ReadAllBytes(path);

        var fast = new PageParser(CompiledQuery.All, packageOnly: false).Parse(bytes, path);
        var yaml = new PageParser(CompiledQuery.All, packageOnly: false) { YamlOnly = true }.Parse(bytes, path);

        Assert.Null(fast.Error);
        Assert.Null(yaml.Error);
        PageAssert.Equal(yaml.Page!, fast.Page!);
    }

    [CorpusTheory]
    [MemberData(nameof(TestPaths.CorpusPageData), MemberType = typeof(TestPaths))]
    public void SpecDetailsPagesReadToExactlyTheirRecords(string relativePath)
    {
        string path = Path.Combine(TestPaths.Corpus!, relativePath);
        string? json = File.ReadAllLines(path).FirstOrDefault(l => l.StartsWith("spec_details: ", StringComparison.Ordinal));
        if (json is null)
        {
            return; // G1-G3 list spec strings, covered by LegacyPageTests
        }

        // An independent reading: System.Text.Json's DOM over the raw line.
        using var document = JsonDocument.Parse(json.Substring("spec_details: ".Length));
        var records = document.RootElement.EnumerateArray().ToList();
        var specs = PageReader.ReadFile(path).Page!.Specs;

        Assert.Equal(records.Count, specs.Count);
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var s = specs[i];
            Assert.Equal(r.GetProperty("hash").GetString(), s.Hash);
            Assert.Equal(r.GetProperty("compiler").GetString(), s.Compiler);
            Assert.Equal(r.GetProperty("os").GetString(), s.OS);
            Assert.Equal(r.GetProperty("platform").GetString(), s.Platform);
            Assert.Equal(r.GetProperty("target").GetString(), s.Target);
            Assert.Equal(r.GetProperty("stacks").EnumerateArray().Select(e => e.GetString()), s.Stacks);
            Assert.Equal(r.GetProperty("variants").EnumerateArray().Select(e => e.GetString()), s.Variants);
            Assert.Equal(r.GetProperty("versions").EnumerateArray().Select(e => e.GetString()), s.Versions);
            Assert.Equal(r.TryGetProperty("tarball", out var t) ? t.GetString() : null, s.Tarball);
            Assert.Null(s.Size);
            Assert.Equal(path, s.Source);
        }
    }

    [CorpusFact]
    public void TarballUrlsOfG4AndG5PagesAreKept()
    {
        var g4 = PageReader.ReadFile(TestPaths.CorpusFile("legacy", "v0.23.0", "bc", "specs.md")).Page!;
        var g5 = PageReader.ReadFile(TestPaths.CorpusFile("real", "v0.22.5", "blt", "specs.md")).Page!;

        Assert.Equal("https://binaries.spack.io/v0.23.0/build_cache/linux-ubuntu22.04-x86_64_v3/gcc-11.4.0/bc-1.07.1/"
            + "linux-ubuntu22.04-x86_64_v3-gcc-11.4.0-bc-1.07.1-jasonjuuhs7lgkf5ojybu2sxxalclmxa.spack", g4.Specs.Single().Tarball);
        Assert.Equal(22, g5.Specs.Count);
        Assert.All(g5.Specs, s => Assert.StartsWith("https://binaries.spack.io/v0.22.5/build_cache/", s.Tarball));
    }

    [CorpusFact]
    public void G7PagesKeepCompilersAsWrittenAndParseTheirParts()
    {
        var aida = PageReader.ReadFile(TestPaths.CorpusFile("real", "develop", "aida", "specs.md")).Page!.Specs.Single();
        Assert.Equal("none", aida.Compiler);
        Assert.Null(aida.CompilerName);
        Assert.Null(aida.CompilerVersion);
        Assert.Equal(new[] { "hep", "root" }, aida.Stacks);

        var cmake = PageReader.ReadFile(TestPaths.CorpusFile("real", "develop-2025-03-30", "cmake", "specs.md")).Page!;
        var oneapi = cmake.Specs.Where(s => s.Compiler == "intel-oneapi-compilers@2024.2.1").ToList();
        Assert.Equal(3, oneapi.Count);
        Assert.All(oneapi, s => Assert.Equal(("intel-oneapi-compilers", "2024.2.1"), (s.CompilerName, s.CompilerVersion)));
        Assert.Equal(7, cmake.Specs.Count(s => s.CompilerName == "intel-oneapi-compilers"));
        Assert.Equal(new[] { "darwin", "linux" }, cmake.Package.Platforms);
    }

    [CorpusFact]
    public void G4PageKeepsGeneratorOrderOfStackCounts()
    {
        var page = PageReader.ReadFile(TestPaths.CorpusFile("legacy", "develop", "py-multidict", "specs.md")).Page!;

        Assert.Equal(32, page.Package.NumSpecs);
        Assert.Equal("root", page.Package.NumSpecsByStack.Keys.First());
        Assert.Equal(6, page.Package.NumSpecsByStack["e4s-neoverse_v1"]);
        Assert.Equal(new[] { "root", "ml-darwin-aarch64-mps" }, page.Specs[0].Stacks);
    }

    [CorpusFact]
    public void CorpusPagesSurviveCrlfBomAndTrailingNewline()
    {
        foreach (string path in TestPaths.CorpusPages())
        {
            string text = File.ReadAllText(path);
            var expected = PageReader.ReadBytes(Encoding.UTF8.GetBytes(text), "p").Page!;
            var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n") + "\r\n")).ToArray();
            var actual = PageReader.ReadBytes(bytes, "p");

            Assert.Null(actual.Error);
            PageAssert.Equal(expected, actual.Page!);
        }
    }
}
