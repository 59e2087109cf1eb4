using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CacheMeta.Hosts;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Hosts;

/// <summary>
/// Target detection on CPU descriptions written for these tests (one per family and vendor), each checked against
/// archspec 0.2's own detection when written: the expected targets below are what archspec chose for the same text.
/// </summary>
public sealed class HostDetectionTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "CacheMeta.Tests", "Hosts", "Fixtures", name));

    [Theory]
    [InlineData("linux-intel-sapphirerapids.cpuinfo", "sapphirerapids", "GenuineIntel", "x86_64")]
    [InlineData("linux-amd-zen4.cpuinfo", "zen4", "AuthenticAMD", "x86_64")]
    [InlineData("linux-qemu-x86_64_v2.cpuinfo", "x86_64_v2", "AuthenticAMD", "x86_64")]
    [InlineData("linux-nvidia-grace-neoverse_v2.cpuinfo", "neoverse_v2", "ARM", "aarch64")]
    [InlineData("linux-aws-graviton2-neoverse_n1.cpuinfo", "neoverse_n1", "ARM", "aarch64")]
    [InlineData("linux-fujitsu-a64fx.cpuinfo", "a64fx", "Fujitsu", "aarch64")]
    [InlineData("linux-ibm-power9.cpuinfo", "power9le", "IBM", "ppc64le")]
    [InlineData("linux-sifive-u74mc.cpuinfo", "u74mc", "SiFive", "riscv64")]
    public void LinuxCpuInfoDetectsAsArchspecDoes(string file, string target, string vendor, string family)
    {
        var host = HostDetection.FromCpuInfo(Fixture(file), file, os: "rhel8");
        Assert.Equal(("linux", "rhel8", target, family, vendor), (host.Platform, host.OS, host.Target, host.TargetFamily, host.Vendor));
        Assert.Equal("2.28", host.Glibc); // rhel8's, from the table
        Assert.Equal(file, host.Source);
    }

    [Theory]
    [InlineData("darwin-apple-m2.sysctl", "m2", "Apple", "aarch64")]
    [InlineData("darwin-intel-skylake.sysctl", "skylake", "GenuineIntel", "x86_64")]
    public void MacSysctlDetectsAsArchspecDoes(string file, string target, string vendor, string family)
    {
        var host = HostDetection.FromCpuInfo(Fixture(file), file, os: "sequoia");
        Assert.Equal(("darwin", "sequoia", target, family, vendor, (string?)null),
            (host.Platform, host.OS, host.Target, host.TargetFamily, host.Vendor, host.Glibc));
        Assert.Equal($"darwin-sequoia-{target}", host.ToString());
    }

    [Fact]
    public void OnlyTheFirstProcessorCounts()
    {
        // The second processor of the fixture lists almost no flags; reading it would give x86_64.
        var cpu = CpuInfoReader.Read(Fixture("linux-intel-sapphirerapids.cpuinfo"), "f");
        Assert.Contains("amx_tile", cpu.Features);
        Assert.Equal(("x86_64", "GenuineIntel"), (cpu.Architecture, cpu.Vendor));
    }

    [Fact]
    public void Ssse3ImpliesSse3AndMacFlagsGetLinuxNames()
    {
        var cpu = CpuInfoReader.Read(Fixture("darwin-intel-skylake.sysctl"), "f");
        foreach (string flag in new[] { "sse4_1", "sse4_2", "avx", "lahf_lm", "abm", "clflushopt", "xsavec", "xsaveopt", "sse3" })
        {
            Assert.Contains(flag, cpu.Features);
        }

        Assert.True(cpu.FromSysctl);
        Assert.Contains("sse3", CpuInfoReader.Read("vendor_id: GenuineIntel\nflags: ssse3\n", "f").Features);
    }

    [Theory]
    [InlineData("machdep.cpu.brand_string: Apple M4 Max\n", "m4")]
    [InlineData("machdep.cpu.brand_string: Apple M9\n", "m4")]        // a chip newer than the table: the newest it knows
    [InlineData("machdep.cpu.brand_string: Apple processor\n", "m1")] // how macOS 11 named the M1
    [InlineData("machdep.cpu.brand_string: Apple A12Z\n", "aarch64")]
    public void AppleChipsAreKnownByTheirBrand(string sysctl, string target) =>
        Assert.Equal(target, HostDetection.FromCpuInfo(sysctl, "f").Target);

    [Theory]
    [InlineData("power9le", null)]
    [InlineData("power9", "ppc64")]  // a big-endian POWER9 can only be said, not seen
    public void PowerEndiannessCanBeStated(string target, string? architecture) =>
        Assert.Equal(target, HostDetection.FromCpuInfo(Fixture("linux-ibm-power9.cpuinfo"), "f", architecture: architecture).Target);

    [Theory]
    [InlineData("processor: 0\ncpu: POWER8\n", "power8le")]
    [InlineData("processor: 0\ncpu: POWER7 (architected)\n", "power7")]               // POWER7 runs only big-endian Linux
    [InlineData("processor: 0\ncpu: Common Processor\nvendor: QEMU\n", "ppc64le")]   // emulated: no generation to see
    public void PowerGenerationsDecide(string text, string target) =>
        Assert.Equal(target, HostDetection.FromCpuInfo(text, "f", architecture: text.Contains("POWER") ? null : "ppc64le").Target);

    [Fact]
    public void AnArmPartTheTableKnowsWinsOverFeatures()
    {
        // Neoverse V2 features, but the part of an N2: archspec keeps the candidates with the CPU's part.
        string n2 = Fixture("linux-nvidia-grace-neoverse_v2.cpuinfo").Replace("0xd4f", "0xd49");
        Assert.Equal("neoverse_n2", HostDetection.FromCpuInfo(n2, "f").Target);
    }

    [Fact]
    public void AnArmCoreOfAnUnknownVendorIsGeneric()
    {
        string unknown = "processor: 0\nFeatures: fp asimd atomics\nCPU implementer: 0x99\nCPU architecture: 8\nCPU part: 0x123\n";
        var host = HostDetection.FromCpuInfo(unknown, "f");
        Assert.Equal(("aarch64", "0x99"), (host.Target, host.Vendor));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello: world\n")]
    [InlineData("processor: 0\nCPU architecture: 7\n")]
    public void TextThatIsNoCpuDescriptionIsAnError(string text)
    {
        var error = Assert.Throws<CacheMetaException>(() => HostDetection.FromCpuInfo(text, "node.txt"));
        Assert.Equal((ErrorIds.InvalidCpuInfo, "node.txt"), (error.ErrorId, error.Target));
    }

    [Fact]
    public void AThirtyTwoBitArmKernelIsArm() =>
        Assert.Equal("arm", HostDetection.FromCpuInfo("processor: 0\nFeatures: half thumb\nCPU implementer: 0x41\nCPU architecture: 7\n", "f").Target);

    [Fact]
    public void CpuidRegistersDescribeAnX86Cpu()
    {
        // Hand-made answers: "GenuineIntel" with leaf 1 as the highest basic leaf; leaf 1 has mmx, sse, sse2, ssse3,
        // cx16, sse4_1, sse4_2 and popcnt; leaf 0x80000001 has lahf_lm. Leaves above the highest answer all ones, which
        // must not count. That is x86_64_v2 plus Intel's core2: a nehalem.
        var cpu = CpuidReader.Read((leaf, subleaf) => (leaf, subleaf) switch
        {
            (0, 0) => (1u, 0x756e6547u, 0x6c65746eu, 0x49656e69u),
            (0x80000000, 0) => (0x80000001u, 0u, 0u, 0u),
            (1, 0) => (0u, 0u, (1u << 9) | (1u << 13) | (1u << 19) | (1u << 20) | (1u << 23), (1u << 23) | (1u << 25) | (1u << 26)),
            (0x80000001, 0) => (0u, 0u, 1u, 0u),
            _ => (~0u, ~0u, ~0u, ~0u),
        });
        Assert.Equal(("x86_64", "GenuineIntel"), (cpu.Architecture, cpu.Vendor));
        Assert.Equal(new[] { "cx16", "lahf_lm", "mmx", "popcnt", "sse", "sse2", "sse3", "sse4_1", "sse4_2", "ssse3" },
            cpu.Features.OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal("nehalem", TargetDetector.Detect(cpu));
    }

    [Fact]
    public void ThisMachineIsDetected()
    {
        var host = HostDetection.ThisMachine();
        Assert.NotNull(CacheMeta.Targets.Microarchitectures.Find(host.Target));
        Assert.Equal(host.Platform + "-" + host.OS + "-" + host.Target, host.ToString());
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            Assert.Equal(("linux", "/proc/cpuinfo"), (host.Platform, host.Source));
            Assert.DoesNotContain("-", host.OS);
            Assert.True(host.ParsedGlibc is null || host.ParsedGlibc.CompareTo(SpackVersion.Parse("2.12")) >= 0);
            Assert.True(host.Features.Count > 0);
        }
    }
}
