using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using CacheMeta.Hosts;
using CacheMeta.Http;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;
using static CacheMeta.Tests.Support.IndexFixtures;

namespace CacheMeta.Tests.Hosts;

/// <summary>Which binaries run on a host: exact counts on a fixture index and page with many targets and OSes.</summary>
public sealed class HostCompatibilityTests : IDisposable
{
    // One package built for many architectures: (seed, platform, os, target).
    private static readonly (string Seed, string Platform, string OS, string Target)[] Builds =
    {
        ("c01", "linux", "rhel8", "x86_64"), ("c02", "linux", "rhel8", "x86_64_v3"), ("c03", "linux", "rhel8", "x86_64_v4"),
        ("c04", "linux", "rhel8", "zen4"), ("c05", "linux", "rhel8", "zen5"), ("c06", "linux", "rhel8", "haswell"),
        ("c07", "linux", "ubuntu22.04", "x86_64_v3"), ("c08", "linux", "ubuntu24.04", "x86_64_v3"),
        ("c09", "linux", "centos7", "x86_64_v3"), ("c10", "linux", "amzn2", "x86_64_v3"), ("c11", "linux", "rhel8", "neoverse_v1"),
        ("c12", "linux", "ubuntu22.04", "aarch64"), ("c13", "darwin", "sequoia", "m1"), ("c14", "linux", "rhel8", "mystery"),
        ("c15", "linux", "rhel9", "zen4"), ("c16", "linux", "ubuntu22.04", "neoverse_n1"),
    };

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("linux-rhel8-zen4", OSCompatibility.Exact, "c01 c02 c03 c04")]
    [InlineData("linux-rhel8-zen4", OSCompatibility.Glibc, "c01 c02 c03 c04 c09 c10")]        // centos7 2.17, amzn2 2.26 <= 2.28
    [InlineData("linux-ubuntu24.04-zen4", OSCompatibility.Exact, "c08")]
    [InlineData("linux-ubuntu24.04-zen4", OSCompatibility.Glibc, "c01 c02 c03 c04 c07 c08 c09 c10 c15")]
    [InlineData("linux-ubuntu22.04-zen3", OSCompatibility.Exact, "c07")]                         // x86_64_v4 and zen4 are newer
    [InlineData("linux-rhel8-neoverse_v2", OSCompatibility.Exact, "")]                           // neoverse_v1 is no ancestor of v2
    [InlineData("linux-ubuntu22.04-neoverse_v2", OSCompatibility.Exact, "c12 c16")]
    [InlineData("darwin-sequoia-m2", OSCompatibility.Glibc, "c13")]                              // no glibc rule off Linux
    [InlineData("linux-rhel8-mystery", OSCompatibility.Exact, "c14")]                            // unknown: only itself
    [InlineData("linux-rhel8-skylake", OSCompatibility.Exact, "c01 c02 c06")]                    // haswell is, v4 is not
    public void CountsAreExactOnAnIndexAndOnAPage(string host, OSCompatibility rule, string expected)
    {
        var query = new SpecQuery { CompatibleWith = CacheHost.Parse(host), OSCompatibility = rule };
        var fromIndex = ReadIndex(query).Specs.Select(s => s.Hash!.Substring(0, 3));
        var page = PageReader.ReadBytes(Encoding.UTF8.GetBytes(Page()), "specs.md", new CompiledQuery(query)).Page!;
        var fromObjects = ReadIndex(null).Specs.Where(new CompiledQuery(query).MatchesSpec).Select(s => s.Hash!.Substring(0, 3));

        string[] wanted = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(wanted, fromIndex);
        Assert.Equal(wanted, page.Specs.Select(s => s.Hash!.Substring(0, 3)));
        Assert.Equal(wanted, fromObjects);
    }

    [Fact]
    public void TheHostCriterionCombinesWithTheOthers()
    {
        var query = new SpecQuery { CompatibleWith = CacheHost.Parse("linux-rhel8-zen4"), Target = new[] { "x86_64_v*" } };
        Assert.Equal(new[] { "c02", "c03" }, ReadIndex(query).Specs.Select(s => s.Hash!.Substring(0, 3)));
        Assert.True(new CompiledQuery(query).HasSpecCriteria);
    }

    [Theory]
    [InlineData("c11", "linux-rhel8-zen4", OSCompatibility.Exact, "target neoverse_v1 does not run on zen4 (another family)")]
    [InlineData("c05", "linux-rhel8-zen4", OSCompatibility.Exact, "target zen5 does not run on zen4 (newer than zen4)")]
    [InlineData("c06", "linux-rhel8-zen4", OSCompatibility.Exact, "target haswell does not run on zen4 (not an ancestor of zen4)")]
    [InlineData("c14", "linux-rhel8-zen4", OSCompatibility.Exact, "target mystery does not run on zen4 (an unknown target)")]
    [InlineData("c07", "linux-rhel8-zen4", OSCompatibility.Exact, "os ubuntu22.04, the host runs rhel8")]
    [InlineData("c07", "linux-rhel8-zen4", OSCompatibility.Glibc, "os ubuntu22.04 needs glibc 2.35, the host has 2.28")]
    [InlineData("c13", "linux-rhel8-zen4", OSCompatibility.Exact,
        "platform darwin, the host is linux|os sequoia, the host runs rhel8|target m1 does not run on zen4 (another family)")]
    [InlineData("c07", "linux-myos1-zen4", OSCompatibility.Glibc, "os ubuntu22.04, the host runs myos1 (the glibc of myos1 is not known)")]
    [InlineData("c02", "linux-rhel8-zen4", OSCompatibility.Glibc, "")]
    public void MismatchesSayWhatDoesNotRun(string seed, string host, OSCompatibility rule, string expected)
    {
        var spec = ReadIndex(null).Specs.Single(s => s.Hash!.StartsWith(seed, StringComparison.Ordinal));
        var compatibility = new HostCompatibility(CacheHost.Parse(host), rule);
        var sentences = new List<string>();
        compatibility.AddMismatches(spec, sentences);
        Assert.Equal(expected, string.Join("|", sentences));
        Assert.Equal(expected.Length == 0, compatibility.Runs(spec));
    }

    [Fact]
    public void AHostWithoutAnOsRunsNoOsSpecificBinary()
    {
        var host = HostDetection.FromCpuInfo("vendor_id: AuthenticAMD\nflags: sse sse2\n", "node.txt");
        var spec = ReadIndex(null).Specs.First();
        var sentences = new List<string>();
        new HostCompatibility(host, OSCompatibility.Glibc).AddMismatches(spec, sentences);
        Assert.Equal(new[] { "os rhel8, the host's OS is not known" }, sentences);
        Assert.Equal("linux-unknown-x86_64", host.ToString());
    }

    [Theory]
    [InlineData("linux-rhel8-zen4", "linux", "rhel8", "zen4", "x86_64", "2.28", "AuthenticAMD")]
    [InlineData(" LINUX-Ubuntu22.04-Neoverse_V2 ", "linux", "ubuntu22.04", "neoverse_v2", "aarch64", "2.35", "ARM")]
    [InlineData("darwin-sequoia-m1", "darwin", "sequoia", "m1", "aarch64", null, "Apple")]
    [InlineData("linux-rhel8-mystery", "linux", "rhel8", "mystery", "mystery", "2.28", null)]
    [InlineData("windows-windows10.0.20348-x86_64", "windows", "windows10.0.20348", "x86_64", "x86_64", null, "generic")]
    public void ATripletParsesToAHost(string text, string platform, string os, string target, string family, string? glibc, string? vendor)
    {
        var host = CacheHost.Parse(text);
        Assert.Equal((platform, os, target, family, glibc, vendor), (host.Platform, host.OS, host.Target, host.TargetFamily, host.Glibc, host.Vendor));
        Assert.Equal($"{platform}-{os}-{target}", host.ToString());
    }

    [Theory]
    [InlineData("linux-rhel8")]
    [InlineData("linux-rhel8-zen4-extra")]
    [InlineData("linux--zen4")]
    [InlineData("linux-rhel 8-zen4")]
    [InlineData("")]
    public void OtherTextIsNoHost(string text) =>
        Assert.Equal(ErrorIds.InvalidHost, Assert.Throws<CacheMetaException>(() => CacheHost.Parse(text)).ErrorId);

    [Fact]
    public void HostMeansThisMachine() => Assert.Equal(HostDetection.ThisMachine().ToString(), CacheHost.Parse("Host").ToString());

    private SourceRun ReadIndex(SpecQuery? query)
    {
        var records = Builds.Select(b => (Hash(b.Seed), (JsonNode)Record(new JsonObject
        {
            ["name"] = "zlib-ng", ["version"] = "2.2.1", ["arch"] = Arch(b.Platform, b.OS, b.Target),
            ["compiler"] = new JsonObject { ["name"] = "gcc", ["version"] = "13.2.0" },
            ["parameters"] = Flags(new JsonObject { ["build_system"] = "cmake", ["compat"] = true }),
            ["hash"] = Hash(b.Seed),
        })));
        string path = _tree.WriteBytes("mirror/build_cache/index.json", Database("7", records));
        var options = new FetchOptions { CacheDirectory = _tree.Root + "/cache", Offline = true };
        return new SourceRun(new MirrorSource(new[] { path }, options), query);
    }

    private static string Page() => Fixtures.Page("zlib-ng", "develop", Builds.Select(b => new FixtureSpec(Hash(b.Seed), "gcc@=13.2.0", "2.2.1",
        b.OS, b.Platform, b.Target, new[] { "+compat", "build_system=cmake" }, new[] { "root" })));
}
