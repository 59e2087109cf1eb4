using System;
using System.Collections.Generic;
using System.Text;

namespace CacheMeta.Hosts;

/// <summary>
/// Reads an x86_64 CPU through the cpuid instruction, as archspec does on Windows (archspec/cpu/detect.py,
/// CpuidInfoCollector): the vendor from leaf 0, and the features from the leaves archspec-json's cpu/cpuid.json
/// lists (commit 90b453f), skipping leaves above the highest the CPU supports. Only the bits of features some target
/// of the table requires are read, since no others change what is detected. The instruction itself is passed in,
/// so recorded registers can stand in for a CPU.
/// </summary>
internal static class CpuidReader
{
    private const uint VendorLeaf = 0, ExtendedLeaf = 0x80000000;

    /// <summary>The four registers cpuid returns for a leaf (eax) and subleaf (ecx).</summary>
    public delegate (uint Eax, uint Ebx, uint Ecx, uint Edx) Cpuid(uint leaf, uint subleaf);

    private enum Register { Eax, Ebx, Ecx, Edx }

    // leaf, subleaf, register, "feature:bit ..." (the feature names are Linux's, as archspec uses them).
    private static readonly (uint Leaf, uint Subleaf, Register Register, string Bits)[] Leaves =
    {
        (0x1, 0, Register.Edx, "mmx:23 sse:25 sse2:26"),
        (0x1, 0, Register.Ecx, "pclmulqdq:1 ssse3:9 fma:12 cx16:13 sse4_1:19 sse4_2:20 movbe:22 popcnt:23 aes:25 xsave:26 avx:28 f16c:29 rdrand:30"),
        (0x7, 0, Register.Ebx, "fsgsbase:0 bmi1:3 avx2:5 bmi2:8 avx512f:16 avx512dq:17 rdseed:18 adx:19 avx512ifma:21 clflushopt:23 "
            + "clwb:24 avx512pf:26 avx512er:27 avx512cd:28 sha_ni:29 avx512bw:30 avx512vl:31"),
        (0x7, 0, Register.Ecx, "avx512vbmi:1 pku:3 waitpkg:5 avx512_vbmi2:6 gfni:8 vaes:9 vpclmulqdq:10 avx512_vnni:11 avx512_bitalg:12 "
            + "avx512_vpopcntdq:14 rdpid:22 cldemote:25 movdiri:27 movdir64b:28"),
        (0x7, 0, Register.Edx, "avx512_vp2intersect:8 serialize:14 amx_bf16:22 amx_tile:24 amx_int8:25"),
        (0x7, 1, Register.Eax, "sha512:0 sm3:1 sm4:2 avx_vnni:4 avx512_bf16:5 cmpccxadd:7 avx_ifma:23"),
        (0xD, 1, Register.Eax, "xsaveopt:0 xsavec:1"),
        (0x80000001, 0, Register.Edx, "mmx:23 3dnowext:30 3dnow:31"),
        (0x80000001, 0, Register.Ecx, "lahf_lm:0 abm:5 sse4a:6 xop:11 fma4:16 tbm:21"),
    };

    /// <summary>The CPU the cpuid instruction describes.</summary>
    public static CpuDescription Read(Cpuid cpuid)
    {
        var (highestBasic, ebx, ecx, edx) = cpuid(VendorLeaf, 0);
        uint highestExtended = cpuid(ExtendedLeaf, 0).Eax;
        string vendor = Ascii(ebx) + Ascii(edx) + Ascii(ecx);

        var features = new List<string>();
        foreach (var (leaf, subleaf, register, bits) in Leaves)
        {
            if (leaf > (leaf >= ExtendedLeaf ? highestExtended : highestBasic))
            {
                continue;
            }

            var registers = cpuid(leaf, subleaf);
            uint value = register switch
            {
                Register.Eax => registers.Eax,
                Register.Ebx => registers.Ebx,
                Register.Ecx => registers.Ecx,
                _ => registers.Edx,
            };
            foreach (string item in bits.Split(' '))
            {
                int colon = item.IndexOf(':');
                if ((value & (1u << int.Parse(item.Substring(colon + 1), System.Globalization.CultureInfo.InvariantCulture))) != 0)
                {
                    features.Add(item.Substring(0, colon));
                }
            }
        }

        return new CpuDescription("x86_64", vendor, features);
    }

#if NET
    /// <summary>This CPU, when it is an x86_64 one; null on other processors (and on .NET Framework).</summary>
    public static CpuDescription? ThisCpu() => System.Runtime.Intrinsics.X86.X86Base.X64.IsSupported
        ? Read((leaf, subleaf) =>
        {
            var (a, b, c, d) = System.Runtime.Intrinsics.X86.X86Base.CpuId(unchecked((int)leaf), unchecked((int)subleaf));
            return (unchecked((uint)a), unchecked((uint)b), unchecked((uint)c), unchecked((uint)d));
        })
        : null;
#else
    /// <summary>This CPU, when it is an x86_64 one; null on other processors (and on .NET Framework).</summary>
    public static CpuDescription? ThisCpu() => null;
#endif

    private static string Ascii(uint register) =>
        Encoding.ASCII.GetString(new[] { (byte)register, (byte)(register >> 8), (byte)(register >> 16), (byte)(register >> 24) });
}
