using System;
using System.Collections.Generic;

namespace CacheMeta.Hosts;

/// <summary>
/// What a CPU tells about itself, before it is matched against the table: archspec's "partial microarchitecture".
/// Read from a /proc/cpuinfo or a macOS sysctl listing by <see cref="CpuInfoReader"/>, or from this machine.
/// </summary>
internal sealed class CpuDescription
{
    public CpuDescription(string architecture, string vendor, IEnumerable<string> features, int generation = 0,
        string? cpuPart = null, string? model = null, bool fromSysctl = false)
    {
        Architecture = architecture;
        Vendor = vendor;
        Features = new HashSet<string>(features, StringComparer.Ordinal);
        // archspec: "ssse3 implies sse3; on Linux sse3 is not mentioned in /proc/cpuinfo".
        if (Features.Contains("ssse3"))
        {
            Features.Add("sse3");
        }

        Generation = generation;
        CpuPart = string.IsNullOrEmpty(cpuPart) ? null : cpuPart;
        Model = model;
        FromSysctl = fromSysctl;
    }

    /// <summary>The machine as <c>uname -m</c> names it, Apple's arm64 as aarch64: x86_64, aarch64, ppc64le, ppc64, riscv64.</summary>
    public string Architecture { get; }

    /// <summary>GenuineIntel, AuthenticAMD, an Arm implementer's name (ARM, Fujitsu, Apple, ...) or generic.</summary>
    public string Vendor { get; }

    /// <summary>The CPU flags (x86 "flags", Arm "Features", the sysctl feature lists in Linux's names).</summary>
    public HashSet<string> Features { get; }

    /// <summary>The POWER generation (9 for POWER9); 0 when unknown or not POWER.</summary>
    public int Generation { get; }

    /// <summary>The Arm "CPU part" (0xd0c); null when not given.</summary>
    public string? CpuPart { get; }

    /// <summary>A model named outright: the RISC-V "uarch" (u74mc, x60) or the Apple chip (m1 ... m4) of a Mac.</summary>
    public string? Model { get; }

    /// <summary>Read from macOS's sysctl, where an Apple chip is known by name and its features are not all listed.</summary>
    public bool FromSysctl { get; }
}
