using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Targets;
using Xunit;

namespace CacheMeta.Tests.Targets;

public sealed class MicroarchitecturesTests
{
    // Every target's ancestors in archspec's order, as archspec's own Python prints them
    // (archspec.cpu.TARGETS[name].ancestors, archspec-json 90b453f), plus the three Graviton names of older
    // archspec releases (archspec-json c05a620). Written out here, not derived from the table's code.
    private static readonly string[] ExpectedAncestry =
    {
        "x86: ",
        "i686: x86",
        "pentium2: i686 x86",
        "pentium3: pentium2 i686 x86",
        "pentium4: pentium3 pentium2 i686 x86",
        "prescott: pentium4 pentium3 pentium2 i686 x86",
        "x86_64: ",
        "x86_64_v2: x86_64",
        "x86_64_v3: x86_64_v2 x86_64",
        "x86_64_v4: x86_64_v3 x86_64_v2 x86_64",
        "nocona: x86_64",
        "core2: nocona x86_64",
        "nehalem: core2 x86_64_v2 nocona x86_64",
        "westmere: nehalem core2 x86_64_v2 nocona x86_64",
        "sandybridge: westmere nehalem core2 x86_64_v2 nocona x86_64",
        "ivybridge: sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "haswell: ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "broadwell: haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "skylake: broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "mic_knl: broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "skylake_avx512: skylake x86_64_v4 broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "cannonlake: skylake x86_64_v4 broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "cascadelake: skylake_avx512 skylake x86_64_v4 broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "icelake: cascadelake cannonlake skylake_avx512 skylake x86_64_v4 broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "sapphirerapids: icelake cascadelake cannonlake skylake_avx512 skylake x86_64_v4 broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "alderlake: skylake broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "arrowlake: alderlake skylake broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "arrowlake_s: arrowlake alderlake skylake broadwell haswell ivybridge x86_64_v3 sandybridge westmere nehalem core2 x86_64_v2 nocona x86_64",
        "k10: x86_64",
        "bulldozer: x86_64_v2 x86_64",
        "piledriver: bulldozer x86_64_v2 x86_64",
        "steamroller: piledriver bulldozer x86_64_v2 x86_64",
        "excavator: steamroller x86_64_v3 piledriver bulldozer x86_64_v2 x86_64",
        "zen: x86_64_v3 x86_64_v2 x86_64",
        "zen2: zen x86_64_v3 x86_64_v2 x86_64",
        "zen3: zen2 zen x86_64_v3 x86_64_v2 x86_64",
        "zen4: zen3 x86_64_v4 zen2 zen x86_64_v3 x86_64_v2 x86_64",
        "zen5: zen4 zen3 x86_64_v4 zen2 zen x86_64_v3 x86_64_v2 x86_64",
        "ppc64: ",
        "power7: ppc64",
        "power8: power7 ppc64",
        "power9: power8 power7 ppc64",
        "power10: power9 power8 power7 ppc64",
        "ppc64le: ",
        "power8le: ppc64le",
        "power9le: power8le ppc64le",
        "power10le: power9le power8le ppc64le",
        "aarch64: ",
        "armv8.1a: aarch64",
        "armv8.2a: armv8.1a aarch64",
        "armv8.3a: armv8.2a armv8.1a aarch64",
        "armv8.4a: armv8.3a armv8.2a armv8.1a aarch64",
        "armv8.5a: armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "armv8.6a: armv8.5a armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "armv9.0a: armv8.5a armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "armv9.2a: armv9.0a armv8.6a armv8.5a armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "thunderx2: armv8.1a aarch64",
        "a64fx: armv8.2a armv8.1a aarch64",
        "cortex_a72: aarch64",
        "neoverse_n1: cortex_a72 armv8.2a aarch64 armv8.1a",
        "neoverse_v1: neoverse_n1 armv8.4a cortex_a72 armv8.2a aarch64 armv8.1a armv8.3a",
        "neoverse_v2: neoverse_n1 armv9.0a cortex_a72 armv8.2a aarch64 armv8.1a armv8.5a armv8.4a armv8.3a",
        "neoverse_n2: neoverse_n1 armv9.0a cortex_a72 armv8.2a aarch64 armv8.1a armv8.5a armv8.4a armv8.3a",
        "ampere1: neoverse_n1 armv8.6a cortex_a72 armv8.2a aarch64 armv8.1a armv8.5a armv8.4a armv8.3a",
        "ampere1a: ampere1 neoverse_n1 armv8.6a cortex_a72 armv8.2a aarch64 armv8.1a armv8.5a armv8.4a armv8.3a",
        "neoverse_v3ae: neoverse_v2 armv9.2a neoverse_n1 armv9.0a cortex_a72 armv8.2a aarch64 armv8.1a armv8.5a armv8.4a armv8.3a armv8.6a",
        "m1: armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "m2: m1 armv8.5a armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "m3: m2 armv8.6a m1 armv8.5a armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "m4: m3 armv8.6a m2 m1 armv8.5a armv8.4a armv8.3a armv8.2a armv8.1a aarch64",
        "arm: ",
        "ppc: ",
        "ppcle: ",
        "sparc: ",
        "sparc64: ",
        "riscv64: ",
        "u74mc: riscv64",
        "x60: riscv64",
        "graviton: aarch64",
        "graviton2: graviton aarch64",
        "graviton3: graviton2 graviton aarch64",
    };

    // len(archspec.cpu.TARGETS[name].features) for every current target, then the Graviton names (c05a620).
    private const string ExpectedFeatureCounts =
        "x86=0 i686=0 pentium2=1 pentium3=2 pentium4=3 prescott=4 x86_64=0 x86_64_v2=10 x86_64_v3=19 x86_64_v4=24 " +
        "nocona=4 core2=5 nehalem=10 westmere=12 sandybridge=13 ivybridge=15 haswell=22 broadwell=24 skylake=27 " +
        "mic_knl=28 skylake_avx512=33 cannonlake=35 cascadelake=34 icelake=44 sapphirerapids=53 alderlake=38 " +
        "arrowlake=42 arrowlake_s=46 k10=8 bulldozer=18 piledriver=22 steamroller=23 excavator=26 zen=28 zen2=29 " +
        "zen3=32 zen4=46 zen5=51 ppc64=0 power7=0 power8=0 power9=0 power10=0 ppc64le=0 power8le=0 power9le=0 " +
        "power10le=0 aarch64=0 armv8.1a=0 armv8.2a=0 armv8.3a=0 armv8.4a=0 armv8.5a=0 armv8.6a=0 armv9.0a=0 " +
        "armv9.2a=0 thunderx2=11 a64fx=14 cortex_a72=9 neoverse_n1=16 neoverse_v1=33 neoverse_v2=34 " +
        "neoverse_n2=34 ampere1=37 ampere1a=39 neoverse_v3ae=49 m1=32 m2=36 m3=36 m4=38 arm=0 ppc=0 ppcle=0 " +
        "sparc=0 sparc64=0 riscv64=0 u74mc=0 x60=0 " +
        "graviton=9 graviton2=17 graviton3=38";

    private static readonly Dictionary<string, string[]> Ancestry = ExpectedAncestry.ToDictionary(
        line => line.Substring(0, line.IndexOf(':')),
        line => line.Substring(line.IndexOf(':') + 1).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static TheoryData<string> Names() => new(Ancestry.Keys);

    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (string target in Ancestry.Keys)
        {
            foreach (string other in Ancestry.Keys)
            {
                pairs.Add(target, other);
            }
        }

        return pairs;
    }

    [Fact]
    public void TheTableHoldsArchspecsTargetsInArchspecsOrder() =>
        Assert.Equal(Ancestry.Keys, Microarchitectures.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void AncestorsAreArchspecsInOrder(string name) =>
        Assert.Equal(Ancestry[name], Microarchitectures.Find(name)!.Ancestors);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void PartialOrderMatchesArchspecForEveryPair(string target, string ancestor) =>
        Assert.Equal(target == ancestor || Ancestry[target].Contains(ancestor), Microarchitectures.IsSameOrDescendant(target, ancestor));

    [Fact]
    public void FeatureSetsHaveArchspecsSizes()
    {
        var expected = ExpectedFeatureCounts.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => int.Parse(p[1]));
        Assert.Equal(expected, Microarchitectures.All.ToDictionary(t => t.Name, t => t.Features.Count));
    }

    [Fact]
    public void FeaturesIncludeTheParentsAndSse3WhereSsse3Is()
    {
        var zen4 = Microarchitectures.Find("zen4")!;
        Assert.Contains("avx512_bitalg", zen4.Features);
        Assert.Contains("avx2", zen4.Features);         // from x86_64_v3
        Assert.Contains("sse3", zen4.Features);         // archspec's rule: ssse3 implies sse3
        Assert.Equal(zen4.Features.OrderBy(f => f, StringComparer.Ordinal), zen4.Features);
        Assert.Contains("sse3", Microarchitectures.Find("core2")!.Features);
    }

    [Theory]
    [InlineData("neoverse_n1", "ARM", "0x41", "0xd0c")]
    [InlineData("a64fx", "Fujitsu", "0x46", "0x001")]
    [InlineData("m2", "Apple", "0x61", "0x032")]
    [InlineData("ampere1a", "Ampere", "0xc0", "0xac4")]
    [InlineData("m4", "Apple", "0x61", null)]
    public void ArmCoresCarryImplementerAndPart(string name, string vendor, string implementer, string? part)
    {
        var target = Microarchitectures.Find(name)!;
        Assert.Equal((vendor, implementer, part), (target.Vendor, target.CpuImplementer, target.CpuPart));
        Assert.False(target.Generic);
    }

    [Theory]
    [InlineData("power9le", 9, "ppc64le", "IBM")]
    [InlineData("power10", 10, "ppc64", "IBM")]
    [InlineData("x86_64_v3", null, "x86_64", "generic")]
    public void PowerTargetsHaveGenerations(string name, int? generation, string family, string vendor)
    {
        var target = Microarchitectures.Find(name)!;
        Assert.Equal((generation, family, vendor, (string?)null), (target.Generation, target.Family, target.Vendor, target.CpuImplementer));
    }

    [Theory]
    [InlineData("x86_64_v3", "x86_64")]
    [InlineData("zen4", "x86_64")]
    [InlineData("sapphirerapids", "x86_64")]
    [InlineData("neoverse_v1", "aarch64")]
    [InlineData("neoverse_v3ae", "aarch64")]
    [InlineData("m1", "aarch64")]
    [InlineData("a64fx", "aarch64")]
    [InlineData("aarch64", "aarch64")]
    [InlineData("power9le", "ppc64le")]
    [InlineData("power9", "ppc64")]
    [InlineData("u74mc", "riscv64")]
    [InlineData("pentium4", "x86")]
    [InlineData("graviton2", "aarch64")]
    [InlineData("ZEN4", "x86_64")]
    [InlineData("mystery_chip", "mystery_chip")]
    public void FamilyIsTheRootAncestor(string target, string family) => Assert.Equal(family, Microarchitectures.FamilyOf(target));

    [Fact]
    public void NullTargetHasNoFamily() => Assert.Null(Microarchitectures.FamilyOf(null));

    [Theory]
    [InlineData("mystery_chip", "mystery_chip", true)]
    [InlineData("Mystery_Chip", "mystery_chip", true)]
    [InlineData("mystery_chip", "x86_64", false)]
    [InlineData("x86_64", "mystery_chip", false)]
    [InlineData("zen4", "ZEN3", true)]
    [InlineData(null, "x86_64", false)]
    [InlineData("x86_64", null, false)]
    public void UnknownTargetsAreOnlyThemselves(string? target, string? ancestor, bool expected) =>
        Assert.Equal(expected, Microarchitectures.IsSameOrDescendant(target, ancestor));
}
