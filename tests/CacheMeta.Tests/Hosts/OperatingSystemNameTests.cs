using System;
using System.IO;
using CacheMeta.Hosts;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Hosts;

/// <summary>Operating systems named as Spack names them in arch triplets, and the glibc table behind the Glibc rule.</summary>
public sealed class OperatingSystemNameTests
{
    private static string OsRelease(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "CacheMeta.Tests", "Hosts", "OsRelease", name));

    [Theory]
    [InlineData("ubuntu-22.04", "ubuntu22.04")]
    [InlineData("rhel-8.9", "rhel8")]
    [InlineData("rocky-9.3", "rocky9")]
    [InlineData("debian-12", "debian12")]
    [InlineData("sles-15-sp5", "sles15")]
    [InlineData("sle_hpc-15-sp4", "sle_hpc15")]
    [InlineData("amzn-2", "amzn2")]
    [InlineData("centos-7", "centos7")]
    [InlineData("opensuse-leap-15.5", "opensuse15")]
    [InlineData("oracle-8.9", "oracle8")]
    public void LinuxReleasesAreNamedAsSpackNamesThem(string file, string expected) =>
        Assert.Equal(expected, OperatingSystemName.FromOsRelease(OsRelease(file)));

    [Fact]
    public void DebianTestingFallsBackToDebianVersion() =>
        Assert.Equal("debiantrixie", OperatingSystemName.FromOsRelease(OsRelease("debian-testing"), "trixie/sid\n"));

    [Fact]
    public void TumbleweedIsNamedAfterItsGlibc() =>
        Assert.Equal("opensusetumbleweed2.39",
            OperatingSystemName.FromOsRelease("ID=\"opensuse-tumbleweed\"\nVERSION_ID=\"20240513\"\n", glibc: SpackVersion.Parse("2.39")));

    [Theory]
    [InlineData("ID=ubuntu\nVERSION_ID=\"24.04.1\"", "ubuntu24.04")]
    [InlineData("ID='fedora'\nVERSION_ID=40", "fedora40")]
    [InlineData("# comment\nID=\"my-distro\"\nVERSION_ID=\"1-2\"", "my_distro1_2")]
    [InlineData("NAME=nothing", "unknown")]
    [InlineData("ID=arch\nBUILD_ID=rolling", "arch")]
    public void OsReleaseValuesAreReadWithShellQuoting(string text, string expected) =>
        Assert.Equal(expected, OperatingSystemName.FromOsRelease(text));

    [Theory]
    [InlineData("15.3.1", "sequoia")]
    [InlineData("26.0", "tahoe")]
    [InlineData("14", "sonoma")]
    [InlineData("11.7.10", "bigsur")]
    [InlineData("10.16", "bigsur")]
    [InlineData("10.15.7", "catalina")]
    [InlineData("10.14", "mojave")]
    [InlineData("30.1", "macos")]
    public void MacOSReleasesHaveTheirNames(string version, string expected) => Assert.Equal(expected, OperatingSystemName.ForMacOS(version));

    [Fact]
    public void WindowsKeepsItsBuildNumber()
    {
        Assert.Equal("windows10.0.20348", OperatingSystemName.ForWindows(new Version(10, 0, 20348, 0)));
        Assert.Equal("windows10.0.0", OperatingSystemName.ForWindows(new Version(10, 0)));
    }

    [Theory]
    [InlineData("rhel8", "2.28")]
    [InlineData("RHEL8", "2.28")]
    [InlineData("ubuntu22.04", "2.35")]
    [InlineData("ubuntu24.04", "2.39")]
    [InlineData("debian12", "2.36")]
    [InlineData("amzn2", "2.26")]
    [InlineData("centos7", "2.17")]
    [InlineData("sle_hpc15", "2.31")]
    [InlineData("rocky9", "2.34")]
    [InlineData("sequoia", null)]
    [InlineData("ubuntu99.04", null)]
    public void DistributionReleasesKnowTheirGlibc(string os, string? glibc) => Assert.Equal(glibc, DistributionGlibc.Of(os)?.Text);

    [Fact]
    public void GlibcVersionsOrderNumerically()
    {
        Assert.True(DistributionGlibc.Of("ubuntu18.04")!.CompareTo(DistributionGlibc.Of("rhel8")) < 0);   // 2.27 < 2.28
        Assert.True(SpackVersion.Parse("2.9").CompareTo(SpackVersion.Parse("2.17")) < 0);
        Assert.All(DistributionGlibc.All.Values, v => Assert.StartsWith("2.", v.Text));
    }

    [Fact]
    public void ThisMachinesGlibcIsReadThroughTheCLibrary()
    {
        string? version = NativeHost.GlibcVersion();
        if (File.Exists("/lib/x86_64-linux-gnu/libc.so.6") || File.Exists("/lib64/libc.so.6") || File.Exists("/lib/aarch64-linux-gnu/libc.so.6"))
        {
            Assert.Matches(@"^2\.\d+$", version);
        }
        else
        {
            Assert.Null(version); // musl, macOS, Windows: no gnu_get_libc_version
        }
    }
}
