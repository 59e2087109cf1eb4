namespace CacheMeta.Targets;

/// <summary>
/// The facts behind <see cref="Microarchitectures"/>: archspec's CPU microarchitectures, as Spack names its targets.
/// Source: cpu/microarchitectures.json in archspec/archspec-json at commit 90b453f4053b6b139d1d2cb78c463b02e71ef363
/// (2026-08-19); the old AWS Graviton names from the same file at c05a620aa59c27ebf00b9626cca91daaf1690a35 (2022-10-17),
/// the last commit before archspec renamed them after their Arm cores. Written in this project's own form: each row
/// names a target, its vendor, its direct parents ("from"), for POWER its generation, for Arm its "CPU part", and only
/// the features it adds to its parents' (archspec lists every feature of every target; the union of the parents' is
/// added back when the table is built, which reproduces archspec's sets exactly). Rows keep archspec's order, which
/// decides ties in host detection.
/// </summary>
internal static class MicroarchitectureTable
{
    internal const string Generic = "generic", Intel = "GenuineIntel", Amd = "AuthenticAMD", Ibm = "IBM", Arm = "ARM", Apple = "Apple";

    internal readonly struct Row
    {
        public Row(string name, string vendor, string parents, string features, int generation = 0, string? cpuPart = null, bool legacy = false)
        {
            Name = name;
            Vendor = vendor;
            Parents = parents;
            Features = features;
            Generation = generation;
            CpuPart = cpuPart;
            Legacy = legacy;
        }

        public string Name { get; }
        public string Vendor { get; }
        public string Parents { get; }   // space-separated names
        public string Features { get; }  // space-separated, only those the parents lack
        public int Generation { get; }
        public string? CpuPart { get; }
        public bool Legacy { get; }      // a name archspec no longer has: known for old records, never detected
    }

    internal static readonly Row[] Rows =
    {
        // 32-bit x86
        new("x86", Generic, "", ""),
        new("i686", Intel, "x86", ""),
        new("pentium2", Intel, "i686", "mmx"),
        new("pentium3", Intel, "pentium2", "sse"),
        new("pentium4", Intel, "pentium3", "sse2"),
        new("prescott", Intel, "pentium4", "sse3"),
        // x86_64: the generic levels, then Intel and AMD generations
        new("x86_64", Generic, "", ""),
        new("x86_64_v2", Generic, "x86_64", "cx16 lahf_lm mmx sse sse2 ssse3 sse4_1 sse4_2 popcnt"),
        new("x86_64_v3", Generic, "x86_64_v2", "avx avx2 bmi1 bmi2 f16c fma abm movbe xsave"),
        new("x86_64_v4", Generic, "x86_64_v3", "avx512f avx512bw avx512cd avx512dq avx512vl"),
        new("nocona", Intel, "x86_64", "mmx sse sse2 sse3"),
        new("core2", Intel, "nocona", "ssse3"),
        new("nehalem", Intel, "core2 x86_64_v2", ""),
        new("westmere", Intel, "nehalem", "aes pclmulqdq"),
        new("sandybridge", Intel, "westmere", "avx"),
        new("ivybridge", Intel, "sandybridge", "rdrand f16c"),
        new("haswell", Intel, "ivybridge x86_64_v3", ""),
        new("broadwell", Intel, "haswell", "rdseed adx"),
        new("skylake", Intel, "broadwell", "clflushopt xsavec xsaveopt"),
        new("mic_knl", Intel, "broadwell", "avx512f avx512pf avx512er avx512cd"),
        new("skylake_avx512", Intel, "skylake x86_64_v4", "clwb"),
        new("cannonlake", Intel, "skylake x86_64_v4", "avx512vbmi avx512ifma sha_ni"),
        new("cascadelake", Intel, "skylake_avx512", "avx512_vnni"),
        new("icelake", Intel, "cascadelake cannonlake", "rdpid gfni avx512_vbmi2 avx512_vpopcntdq avx512_bitalg vpclmulqdq vaes"),
        new("sapphirerapids", Intel, "icelake",
            "avx512_bf16 cldemote movdir64b movdiri serialize waitpkg amx_bf16 amx_tile amx_int8"),
        new("alderlake", Intel, "skylake",
            "avx_vnni sha_ni clwb rdpid gfni vaes vpclmulqdq movdiri movdir64b serialize waitpkg"),
        new("arrowlake", Intel, "alderlake", "avx_ifma avx_ne_convert avx_vnni_int8 cmpccxadd"),
        new("arrowlake_s", Intel, "arrowlake", "avx_vnni_int16 sha512 sm3 sm4"),
        new("k10", Amd, "x86_64", "mmx sse sse2 sse4a abm cx16 3dnow 3dnowext"),
        new("bulldozer", Amd, "x86_64_v2", "sse4a xsave abm avx xop fma4 aes pclmulqdq"),
        new("piledriver", Amd, "bulldozer", "bmi1 f16c fma tbm"),
        new("steamroller", Amd, "piledriver", "fsgsbase"),
        new("excavator", Amd, "steamroller x86_64_v3", ""),
        new("zen", Amd, "x86_64_v3", "fsgsbase rdseed clzero aes pclmulqdq sse4a xsavec xsaveopt clflushopt"),
        new("zen2", Amd, "zen", "clwb"),
        new("zen3", Amd, "zen2", "vaes vpclmulqdq pku"),
        new("zen4", Amd, "zen3 x86_64_v4",
            "gfni flush_l1d avx512ifma avx512_bf16 avx512vbmi avx512_vbmi2 avx512_vnni avx512_bitalg avx512_vpopcntdq"),
        new("zen5", Amd, "zen4", "avx512_vp2intersect avx_vnni movdir64b movdiri tsc_adjust"),
        // POWER, big-endian and little-endian: archspec tells generations apart, not features
        new("ppc64", Generic, "", ""),
        new("power7", Ibm, "ppc64", "", generation: 7),
        new("power8", Ibm, "power7", "", generation: 8),
        new("power9", Ibm, "power8", "", generation: 9),
        new("power10", Ibm, "power9", "", generation: 10),
        new("ppc64le", Generic, "", ""),
        new("power8le", Ibm, "ppc64le", "", generation: 8),
        new("power9le", Ibm, "power8le", "", generation: 9),
        new("power10le", Ibm, "power9le", "", generation: 10),
        // 64-bit Arm: the architecture levels, then the cores (Graviton 1-4 are cortex_a72, neoverse_n1, _v1, _v2)
        new("aarch64", Generic, "", ""),
        new("armv8.1a", Generic, "aarch64", ""),
        new("armv8.2a", Generic, "armv8.1a", ""),
        new("armv8.3a", Generic, "armv8.2a", ""),
        new("armv8.4a", Generic, "armv8.3a", ""),
        new("armv8.5a", Generic, "armv8.4a", ""),
        new("armv8.6a", Generic, "armv8.5a", ""),
        new("armv9.0a", Generic, "armv8.5a", ""),
        new("armv9.2a", Generic, "armv9.0a armv8.6a", ""),
        new("thunderx2", "Cavium", "armv8.1a", "fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics cpuid asimdrdm", cpuPart: "0x0af"),
        new("a64fx", "Fujitsu", "armv8.2a",
            "fp asimd evtstrm sha1 sha2 crc32 atomics cpuid asimdrdm fphp asimdhp fcma dcpop sve", cpuPart: "0x001"),
        new("cortex_a72", Arm, "aarch64", "fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid", cpuPart: "0xd08"),
        new("neoverse_n1", Arm, "cortex_a72 armv8.2a", "atomics fphp asimdhp asimdrdm lrcpc dcpop asimddp", cpuPart: "0xd0c"),
        new("neoverse_v1", Arm, "neoverse_n1 armv8.4a",
            "jscvt fcma sha3 sha512 sve asimdfhm dit uscat ilrcpc flagm dcpodp svei8mm svebf16 i8mm bf16 dgh rng", cpuPart: "0xd40"),
        new("neoverse_v2", Arm, "neoverse_n1 armv9.0a",
            "jscvt fcma sha3 sha512 sve asimdfhm uscat ilrcpc flagm sb dcpodp sve2 flagm2 frint svei8mm svebf16 i8mm bf16",
            cpuPart: "0xd4f"),
        new("neoverse_n2", Arm, "neoverse_n1 armv9.0a",
            "jscvt fcma sha3 sha512 sve asimdfhm uscat ilrcpc flagm sb dcpodp sve2 flagm2 frint svei8mm svebf16 i8mm bf16",
            cpuPart: "0xd49"),
        new("ampere1", "Ampere", "neoverse_n1 armv8.6a",
            "jscvt fcma sha3 sha512 asimdfhm dit uscat ilrcpc flagm ssbs sb paca pacg dcpodp flagm2 frint i8mm bf16 rng bti ecv",
            cpuPart: "0xac3"),
        new("ampere1a", "Ampere", "ampere1", "sm3 sm4", cpuPart: "0xac4"),
        new("neoverse_v3ae", Arm, "neoverse_v2 armv9.2a",
            "afp bti dgh dit ecv paca pacg sm3 sm4 sveaes svebitperm svepmull svesha3 svesm4 wfxt", cpuPart: "0xd83"),
        new("m1", Apple, "armv8.4a",
            "fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma lrcpc dcpop sha3 asimddp "
            + "sha512 asimdfhm dit uscat ilrcpc flagm ssbs sb paca pacg dcpodp flagm2 frint", cpuPart: "0x022"),
        new("m2", Apple, "m1 armv8.5a", "ecv bf16 i8mm bti", cpuPart: "0x032"),
        new("m3", Apple, "m2 armv8.6a", ""),       // archspec writes the part as "Unknown"
        new("m4", Apple, "m3 armv8.6a", "sme sme2"),
        // other roots
        new("arm", Generic, "", ""),
        new("ppc", Generic, "", ""),
        new("ppcle", Generic, "", ""),
        new("sparc", Generic, "", ""),
        new("sparc64", Generic, "", ""),
        new("riscv64", Generic, "", ""),
        new("u74mc", "SiFive", "riscv64", ""),
        new("x60", "SpacemiT", "riscv64", ""),
        // the names archspec gave AWS Graviton parts until October 2022: old indexes still carry them
        new("graviton", Arm, "aarch64", "fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid", legacy: true),
        new("graviton2", Arm, "graviton", "atomics fphp asimdhp asimdrdm lrcpc dcpop asimddp ssbs", legacy: true),
        new("graviton3", Arm, "graviton2",
            "jscvt fcma sha3 sm3 sm4 sha512 sve asimdfhm dit uscat ilrcpc flagm paca pacg dcpodp svei8mm svebf16 i8mm bf16 dgh rng",
            legacy: true),
    };

    /// <summary>Arm "CPU implementer" codes and the vendor names archspec gives them ("conversions"/"arm_vendors").</summary>
    internal static readonly (string Code, string Vendor)[] ArmImplementers =
    {
        ("0x41", "ARM"), ("0x42", "Broadcom"), ("0x43", "Cavium"), ("0x44", "DEC"), ("0x46", "Fujitsu"), ("0x48", "HiSilicon"),
        ("0x49", "Infineon Technologies AG"), ("0x4d", "Motorola"), ("0x4e", "Nvidia"), ("0x50", "APM"), ("0x51", "Qualcomm"),
        ("0x53", "Samsung"), ("0x56", "Marvell"), ("0x61", "Apple"), ("0x66", "Faraday"), ("0x68", "HXT"), ("0x69", "Intel"),
        ("0xc0", "Ampere"),
    };

    /// <summary>macOS sysctl flag names and the Linux names archspec's features use ("conversions"/"darwin_flags"):
    /// when every flag on the left is present, those on the right are added.</summary>
    internal static readonly (string Darwin, string Linux)[] DarwinFlags =
    {
        ("sse4.1", "sse4_1"), ("sse4.2", "sse4_2"), ("avx1.0", "avx"), ("lahf", "lahf_lm"), ("sha", "sha_ni"),
        ("popcnt lzcnt", "abm"), ("clfsopt", "clflushopt"), ("xsave", "xsavec xsaveopt"),
    };
}
