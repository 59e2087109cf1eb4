using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// A built-in table of archspec microarchitectures: each target's direct parents, from which its family
/// (the root it descends from: <c>x86_64</c>, <c>aarch64</c>, <c>ppc64le</c>, ...) and its ancestry follow.
/// Index records carry only a target's direct parents, so the table is what lets CacheMeta answer
/// "which aarch64 binaries exist" or <c>target=x86_64_v3:</c> without the archspec package.
/// </summary>
public static class TargetFamilies
{
    // name -> direct parents ("from" in archspec's microarchitectures.json). Roots have none.
    private static readonly Dictionary<string, string[]> Parents = Build(
        // x86_64: generic levels, Intel, AMD
        "x86_64:", "x86_64_v2:x86_64", "x86_64_v3:x86_64_v2", "x86_64_v4:x86_64_v3",
        "nocona:x86_64", "core2:nocona", "nehalem:core2,x86_64_v2", "westmere:nehalem",
        "sandybridge:westmere", "ivybridge:sandybridge", "haswell:ivybridge,x86_64_v3", "broadwell:haswell",
        "skylake:broadwell", "mic_knl:broadwell", "skylake_avx512:skylake,x86_64_v4", "cannonlake:skylake",
        "cascadelake:skylake_avx512", "icelake:cascadelake,cannonlake", "sapphirerapids:icelake",
        "k10:x86_64", "bulldozer:x86_64_v2", "piledriver:bulldozer", "steamroller:piledriver",
        "excavator:steamroller,x86_64_v3", "zen:x86_64_v3", "zen2:zen", "zen3:zen2", "zen4:zen3,x86_64_v4",
        "zen5:zen4",
        // 32-bit x86
        "x86:", "i686:x86", "pentium2:i686", "pentium3:pentium2", "pentium4:pentium3", "prescott:pentium4",
        // POWER, big and little endian
        "ppc64:", "power7:ppc64", "power8:power7", "power9:power8", "power10:power9",
        "ppc64le:", "power8le:ppc64le", "power9le:power8le", "power10le:power9le",
        "ppc:", "ppcle:",
        // 64-bit ARM: architecture levels, then vendor parts
        "aarch64:", "armv8.1a:aarch64", "armv8.2a:armv8.1a", "armv8.3a:armv8.2a", "armv8.4a:armv8.3a",
        "armv8.5a:armv8.4a", "armv9.0a:armv8.5a", "thunderx2:armv8.1a", "a64fx:armv8.2a",
        "cortex_a72:aarch64", "neoverse_n1:cortex_a72,armv8.2a", "neoverse_v1:neoverse_n1,armv8.4a",
        "neoverse_v2:neoverse_n1,armv9.0a", "neoverse_n2:neoverse_n1,armv9.0a", "m1:armv8.4a",
        "m2:m1,armv8.5a", "m3:m2", "m4:m3",
        // names older archspec releases used for AWS Graviton parts
        "graviton:aarch64", "graviton2:graviton", "graviton3:graviton2",
        // others
        "arm:", "riscv64:", "u74mc:riscv64", "sparc:", "sparc64:");

    /// <summary>Every target the table knows, in table order.</summary>
    public static IEnumerable<string> KnownTargets => Parents.Keys;

    /// <summary>The family (root ancestor) of a target; an unknown target maps to itself, null to null.</summary>
    public static string? FamilyOf(string? target)
    {
        if (target is null)
        {
            return null;
        }

        string current = target;
        // Follow the first parent up to the root; every parent of a target shares its family.
        for (int guard = 0; guard < 64 && Parents.TryGetValue(current, out var parents) && parents.Length > 0; guard++)
        {
            current = parents[0];
        }

        return Parents.ContainsKey(current) ? current : target;
    }

    /// <summary>The direct parents of a known target; empty for roots and unknown targets.</summary>
    public static IReadOnlyList<string> ParentsOf(string target) =>
        target is not null && Parents.TryGetValue(target, out var p) ? p : Array.Empty<string>();

    /// <summary>True when <paramref name="target"/> is <paramref name="ancestor"/> or descends from it
    /// (archspec's <c>target &gt;= ancestor</c>, Spack's <c>target=ancestor:</c>).</summary>
    public static bool IsSameOrDescendant(string target, string ancestor)
    {
        if (string.Equals(target, ancestor, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var pending = new Stack<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        pending.Push(target);
        while (pending.Count > 0)
        {
            foreach (string parent in ParentsOf(pending.Pop()))
            {
                if (string.Equals(parent, ancestor, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (seen.Add(parent))
                {
                    pending.Push(parent);
                }
            }
        }

        return false;
    }

    private static Dictionary<string, string[]> Build(params string[] rows)
    {
        var table = new Dictionary<string, string[]>(rows.Length, StringComparer.OrdinalIgnoreCase);
        foreach (string row in rows)
        {
            int colon = row.IndexOf(':');
            string name = row.Substring(0, colon);
            string parents = row.Substring(colon + 1);
            table.Add(name, parents.Length == 0 ? Array.Empty<string>() : parents.Split(','));
        }

        return table;
    }
}
