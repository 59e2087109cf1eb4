using System;
using System.Collections.Generic;
using System.IO;
using CacheMeta.Targets;

namespace CacheMeta.Hosts;

/// <summary>
/// Reads a CPU description as archspec does (archspec/cpu/detect.py: proc_cpuinfo, sysctl_info): the first processor
/// of a Linux /proc/cpuinfo (vendor and flags on x86, implementer, part and Features on Arm, the generation on POWER,
/// the uarch on RISC-V), or the machdep.cpu values of a macOS <c>sysctl -a</c> listing.
/// </summary>
internal static class CpuInfoReader
{
    /// <summary>
    /// Reads either kind of text. <paramref name="architecture"/> is the machine (<c>uname -m</c>) when known; for a saved
    /// file it is inferred from the content, where only the endianness of POWER cannot be told (POWER8 and later are
    /// taken as ppc64le, the only POWER Linux that runs on them by default; older ones as ppc64). Throws a
    /// <see cref="CacheMetaException"/> (InvalidCpuInfo) when the text is neither.
    /// </summary>
    public static CpuDescription Read(string text, string? source, string? architecture = null)
    {
        var sysctl = SysctlValues(text);
        if (sysctl is not null)
        {
            return FromSysctl(sysctl);
        }

        var processor = FirstProcessor(text);
        string machine = architecture ?? ArchitectureOf(processor)
            ?? throw new CacheMetaException(ErrorIds.InvalidCpuInfo, CacheErrorKind.InvalidData,
                "This is neither a Linux /proc/cpuinfo (no vendor_id, flags, CPU implementer, POWER cpu or rv64 isa line) "
                + "nor a macOS 'sysctl -a' listing (no machdep.cpu. values).", source);
        return FromProcCpuInfo(processor, machine);
    }

    /// <summary>A CPU from /proc/cpuinfo's first processor, on the given machine.</summary>
    public static CpuDescription FromProcCpuInfo(IReadOnlyDictionary<string, string> processor, string architecture)
    {
        switch (architecture)
        {
            case "x86_64":
                return new CpuDescription(architecture, Value(processor, "vendor_id") ?? MicroarchitectureTable.Generic,
                    Words(processor, "flags"));
            case "aarch64":
                return new CpuDescription(architecture, ArmVendor(processor), Words(processor, "Features"),
                    cpuPart: Value(processor, "CPU part"));
            case "ppc64le":
            case "ppc64":
                // Under emulation (QEMU in a container) /proc/cpuinfo may describe another CPU: generation 0 then.
                return new CpuDescription(architecture, "", Array.Empty<string>(), PowerGeneration(Value(processor, "cpu")) ?? 0);
            case "riscv64":
                return new CpuDescription(architecture, "", Array.Empty<string>(), model: RiscVModel(processor));
            default:
                return new CpuDescription(architecture, MicroarchitectureTable.Generic, Array.Empty<string>());
        }
    }

    /// <summary>A CPU from macOS's machdep.cpu sysctl values: an Apple chip by its brand string, an Intel Mac by its flags.</summary>
    public static CpuDescription FromSysctl(IReadOnlyDictionary<string, string> values)
    {
        string brand = Value(values, "machdep.cpu.brand_string") ?? "";
        if (brand.IndexOf("Apple", StringComparison.Ordinal) >= 0)
        {
            return new CpuDescription("aarch64", MicroarchitectureTable.Apple, Array.Empty<string>(), model: AppleModel(brand), fromSysctl: true);
        }

        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in new[] { "machdep.cpu.features", "machdep.cpu.leaf7_features", "machdep.cpu.extfeatures" })
        {
            foreach (string flag in Words(values, key))
            {
                features.Add(flag.ToLowerInvariant());
            }
        }

        foreach (var (darwin, linux) in MicroarchitectureTable.DarwinFlags)
        {
            if (Array.TrueForAll(darwin.Split(' '), features.Contains))
            {
                features.UnionWith(linux.Split(' '));
            }
        }

        return new CpuDescription("x86_64", Value(values, "machdep.cpu.vendor") ?? "", features, fromSysctl: true);
    }

    /// <summary>The "key: value" pairs of the first processor block (archspec reads no further).</summary>
    public static Dictionary<string, string> FirstProcessor(string text)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StringReader(text);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            int colon = line.IndexOf(':');
            if (colon < 0 && data.Count > 0)
            {
                break; // the blank line after the first processor
            }

            string key = (colon < 0 ? line : line.Substring(0, colon)).Trim();
            data[key] = colon < 0 ? "" : line.Substring(colon + 1).Trim();
        }

        return data;
    }

    /// <summary>The architecture a /proc/cpuinfo block describes, or null when it describes none CacheMeta knows.</summary>
    public static string? ArchitectureOf(IReadOnlyDictionary<string, string> processor)
    {
        if (processor.ContainsKey("vendor_id") || processor.ContainsKey("flags"))
        {
            return "x86_64";
        }

        if (processor.ContainsKey("CPU implementer") || processor.ContainsKey("Features"))
        {
            // 32-bit Arm kernels write the same keys with an architecture of 7 or less.
            return int.TryParse(Value(processor, "CPU architecture"), out int level) && level < 8 ? "arm" : "aarch64";
        }

        if (PowerGeneration(Value(processor, "cpu")) is { } generation)
        {
            // Little-endian Linux on POWER needs POWER8 or later.
            return generation >= 8 ? "ppc64le" : "ppc64";
        }

        return (Value(processor, "isa") ?? "").StartsWith("rv64", StringComparison.Ordinal) ? "riscv64" : null;
    }

    // The key/value pairs of a sysctl listing, or null when the text has no machdep.cpu. value.
    private static Dictionary<string, string>? SysctlValues(string text)
    {
        Dictionary<string, string>? values = null;
        bool darwin = false;
        using var reader = new StringReader(text);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            string key = line.Substring(0, colon).Trim();
            darwin |= key.StartsWith("machdep.cpu.", StringComparison.Ordinal);
            (values ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = line.Substring(colon + 1).Trim();
        }

        return darwin ? values : null;
    }

    private static string ArmVendor(IReadOnlyDictionary<string, string> processor)
    {
        if (Value(processor, "CPU implementer") is not { } code)
        {
            return MicroarchitectureTable.Generic;
        }

        foreach (var (known, vendor) in MicroarchitectureTable.ArmImplementers)
        {
            if (string.Equals(known, code, StringComparison.OrdinalIgnoreCase))
            {
                return vendor;
            }
        }

        return code;
    }

    private static string RiscVModel(IReadOnlyDictionary<string, string> processor)
    {
        string? uarch = Value(processor, "uarch");
        if (uarch == "sifive,u74-mc")
        {
            return "u74mc";
        }

        return uarch == "spacemit,x60" || Value(processor, "model name") == "Spacemit(R) X60" ? "x60" : uarch ?? "riscv64";
    }

    // archspec: an M-series brand ("Apple M3 Max") counts down to the newest chip the table knows; the oldest macOS
    // releases say only "Apple processor", which is an M1.
    private static string AppleModel(string brand)
    {
        string lower = brand.ToLowerInvariant();
        int apple = lower.IndexOf("apple", StringComparison.Ordinal);
        int at = apple < 0 ? -1 : apple + "apple".Length;
        int spaces = at;
        while (spaces >= 0 && spaces < lower.Length && char.IsWhiteSpace(lower[spaces]))
        {
            spaces++;
        }

        if (spaces > at && spaces < lower.Length && lower[spaces] == 'm' && Number(lower, spaces + 1) is { } number)
        {
            for (int n = number; n > 0; n--)
            {
                if (Microarchitectures.Find("m" + n) is not null)
                {
                    return "m" + n;
                }
            }
        }

        return lower == "apple processor" ? "m1" : "aarch64";
    }

    // The number after "POWER" in a cpu line ("POWER9 (raw), altivec supported" is 9), as archspec's POWER(\d+).
    private static int? PowerGeneration(string? cpu)
    {
        for (int at = cpu?.IndexOf("POWER", StringComparison.Ordinal) ?? -1; at >= 0; at = cpu!.IndexOf("POWER", at + 1, StringComparison.Ordinal))
        {
            if (Number(cpu!, at + "POWER".Length) is { } generation)
            {
                return generation;
            }
        }

        return null;
    }

    // The decimal digits starting at index, or null when there are none.
    private static int? Number(string text, int index)
    {
        int value = 0, end = index;
        for (; end < text.Length && end - index < 9 && text[end] >= '0' && text[end] <= '9'; end++)
        {
            value = value * 10 + (text[end] - '0');
        }

        return end > index ? value : null;
    }

    private static string? Value(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out string? value) ? value : null;

    private static string[] Words(IReadOnlyDictionary<string, string> values, string key) =>
        (Value(values, key) ?? "").Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
}
