using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using CacheMeta.Targets;

namespace CacheMeta.Hosts;

/// <summary>
/// Builds <see cref="CacheHost"/>s: this machine (Linux: /proc/cpuinfo, os-release, glibc; macOS: sysctl values;
/// Windows: its version and cpuid), or another machine from a saved CPU description and
/// what the caller states about it. Only files and C library calls are read, never a process, so detection takes a
/// few milliseconds.
/// </summary>
internal static class HostDetection
{
    private const string ProcCpuInfo = "/proc/cpuinfo";
    private static readonly string[] OsReleaseFiles = { "/etc/os-release", "/usr/lib/os-release" };
    private static readonly string[] SysctlKeys =
    {
        "machdep.cpu.brand_string", "machdep.cpu.vendor", "machdep.cpu.features", "machdep.cpu.leaf7_features",
        "machdep.cpu.extfeatures",
    };

    /// <summary>The machine this runs on.</summary>
    public static CacheHost ThisMachine()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return Linux();
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return MacOS();
        }

        // Windows: archspec reads cpuid there, as CacheMeta does on x86_64 under .NET 8; elsewhere (Arm, Windows
        // PowerShell 5.1) the family of the machine is what can be told.
        string architecture = Architecture(RuntimeInformation.OSArchitecture);
        var cpu = (architecture == "x86_64" ? CpuidReader.ThisCpu() : null)
            ?? new CpuDescription(architecture, "generic", Array.Empty<string>());
        bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        return Create(windows ? "windows" : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant(),
            windows ? OperatingSystemName.ForWindows(Environment.OSVersion.Version) : null, cpu, null, "cpuid");
    }

    /// <summary>
    /// Another machine, from its /proc/cpuinfo or <c>sysctl -a</c> text. The platform follows from the text (sysctl is
    /// darwin) unless given; a Linux OS without a stated glibc gets the glibc its release ships (null when unknown).
    /// <paramref name="architecture"/> is the machine when the text cannot tell it (ppc64 or ppc64le).
    /// </summary>
    public static CacheHost FromCpuInfo(string text, string source, string? platform = null, string? os = null,
        SpackVersion? glibc = null, string? architecture = null)
    {
        // Spack's names are lower case; what a user types need not be.
        var cpu = CpuInfoReader.Read(text, source, architecture?.ToLowerInvariant());
        string chosen = platform?.ToLowerInvariant() ?? (cpu.FromSysctl ? "darwin" : "linux");
        os = os?.ToLowerInvariant();
        return Create(chosen, os, cpu, glibc ?? (chosen == "linux" ? DistributionGlibc.Of(os) : null), source);
    }

    /// <summary>As <see cref="FromCpuInfo"/>, reading the file (errors: PathNotFound, FileReadFailed, InvalidCpuInfo).</summary>
    public static CacheHost FromCpuInfoFile(string path, string? platform = null, string? os = null, SpackVersion? glibc = null,
        string? architecture = null) =>
        FromCpuInfo(Tags.TagFile.ReadText(path, ErrorIds.InvalidCpuInfo, "a CPU description"), path, platform, os, glibc, architecture);

    /// <summary>A host from its parts, with the target detected from the CPU.</summary>
    public static CacheHost Create(string platform, string? os, CpuDescription cpu, SpackVersion? glibc, string source)
    {
        var features = new List<string>(cpu.Features);
        features.Sort(StringComparer.Ordinal);
        string target = TargetDetector.Detect(cpu);
        // POWER and RISC-V CPUs do not name their vendor: the detected target does.
        string? vendor = cpu.Vendor is "" or "generic" ? Microarchitectures.Find(target)?.Vendor : cpu.Vendor;
        return new CacheHost(platform, os, target, glibc, vendor, features, source);
    }

    private static CacheHost Linux()
    {
        string architecture = NativeHost.LinuxMachine() ?? Architecture(RuntimeInformation.OSArchitecture);
        CpuDescription cpu;
        try
        {
            cpu = CpuInfoReader.FromProcCpuInfo(CpuInfoReader.FirstProcessor(FirstProcessorText()), architecture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A sandbox without /proc: the family is still known.
            cpu = new CpuDescription(architecture, "generic", Array.Empty<string>());
        }

        string? glibcText = NativeHost.GlibcVersion();
        var glibc = glibcText is null ? null : SpackVersion.Parse(glibcText);
        string? osRelease = ReadFirst(OsReleaseFiles);
        string os = osRelease is null ? "unknown" : OperatingSystemName.FromOsRelease(osRelease, ReadFirst("/etc/debian_version"), glibc);
        return Create("linux", os, cpu, glibc, ProcCpuInfo);
    }

    private static CacheHost MacOS()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in SysctlKeys)
        {
            if (NativeHost.Sysctl(key) is { } value)
            {
                values[key] = value;
            }
        }

        // Spack's order: MACOSX_DEPLOYMENT_TARGET overrides the running version.
        string? version = Environment.GetEnvironmentVariable("MACOSX_DEPLOYMENT_TARGET");
        if (string.IsNullOrEmpty(version))
        {
            version = NativeHost.Sysctl("kern.osproductversion");
        }

        return Create("darwin", version is null ? null : OperatingSystemName.ForMacOS(version), CpuInfoReader.FromSysctl(values), null, "sysctl");
    }

    // Only the first processor is read: a large machine's /proc/cpuinfo repeats it hundreds of times.
    private static string FirstProcessorText()
    {
        using var reader = new StreamReader(ProcCpuInfo, Encoding.UTF8);
        var text = new StringBuilder();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Trim().Length == 0 && text.Length > 0)
            {
                break;
            }

            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string? ReadFirst(params string[] paths)
    {
        foreach (string path in paths)
        {
            try
            {
                if (File.Exists(path))
                {
                    return File.ReadAllText(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // try the next one
            }
        }

        return null;
    }

    private static string Architecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x86_64",
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        System.Runtime.InteropServices.Architecture.X86 => "x86",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
