using System;
using System.Collections.Generic;
using CacheMeta.Targets;

namespace CacheMeta.Hosts;

/// <summary>
/// Chooses the target a CPU is, exactly as archspec's <c>host()</c> does (archspec/cpu/detect.py): every target of the
/// CPU's family that it can run (per family: vendor and features on x86_64, vendor and features or the named Apple
/// chip on aarch64, the generation on POWER, the named uarch on RISC-V) is a candidate; the best generic candidate is
/// found; when the CPU names its Arm part, candidates with that part win; among the candidates that descend from the
/// best generic one, the one with the most ancestors, then the most features, is the host (the first of equals in
/// table order); with none, the best generic one is.
/// </summary>
internal static class TargetDetector
{
    /// <summary>The name of the target the CPU is: a table target, or the architecture itself when no check applies.</summary>
    public static string Detect(CpuDescription cpu)
    {
        Func<CpuDescription, CacheTarget, bool>? runs = cpu.Architecture switch
        {
            "x86_64" => RunsOnX86,
            "aarch64" => RunsOnArm,
            "ppc64le" or "ppc64" => RunsOnPower,
            "riscv64" => RunsOnRiscV,
            _ => null,
        };

        var candidates = new List<CacheTarget>();
        foreach (var target in Microarchitectures.All)
        {
            if (runs is not null && !target.Legacy && runs(cpu, target))
            {
                candidates.Add(target);
            }
        }

        var bestGeneric = Best(candidates.FindAll(t => t.Generic));
        if (bestGeneric is null)
        {
            return cpu.Architecture; // archspec: a generic target named after the machine
        }

        if (cpu.CpuPart is not null && candidates.Exists(t => SamePart(t, cpu)))
        {
            candidates = candidates.FindAll(t => SamePart(t, cpu));
        }

        // Descendants of the best generic target only: a niche feature switched off in the firmware must not drop a
        // server to an old vendor target.
        candidates = candidates.FindAll(t => t.IsSameOrDescendantOf(bestGeneric.Name) && t != bestGeneric);
        return (Best(candidates) ?? bestGeneric).Name;
    }

    private static CacheTarget? Best(List<CacheTarget> targets)
    {
        CacheTarget? best = null;
        foreach (var target in targets)
        {
            if (best is null || target.Ancestors.Count > best.Ancestors.Count
                || (target.Ancestors.Count == best.Ancestors.Count && target.Features.Count > best.Features.Count))
            {
                best = target;
            }
        }

        return best;
    }

    private static bool SamePart(CacheTarget target, CpuDescription cpu) =>
        string.Equals(target.CpuPart, cpu.CpuPart, StringComparison.OrdinalIgnoreCase);

    private static bool OfVendor(CacheTarget target, CpuDescription cpu) => target.Generic || target.Vendor == cpu.Vendor;

    private static bool HasFeatures(CacheTarget target, CpuDescription cpu) => target.FeatureSet.IsSubsetOf(cpu.Features);

    private static bool RunsOnX86(CpuDescription cpu, CacheTarget target) =>
        target.Family == "x86_64" && OfVendor(target, cpu) && HasFeatures(target, cpu);

    private static bool RunsOnArm(CpuDescription cpu, CacheTarget target)
    {
        // archspec cannot tell the Arm architecture levels apart, so armv8.x/armv9.x are never a host.
        if ((target.Generic && target.Name != "aarch64") || target.Family != "aarch64" || !OfVendor(target, cpu))
        {
            return false;
        }

        if (!cpu.FromSysctl)
        {
            return HasFeatures(target, cpu);
        }

        // macOS lists too few features, but it names the chip: the chip and its ancestors run.
        var model = Microarchitectures.Find(cpu.Model);
        return model is not null && model.IsSameOrDescendantOf(target.Name);
    }

    private static bool RunsOnPower(CpuDescription cpu, CacheTarget target) =>
        target.Family == cpu.Architecture && (target.Generation ?? 0) <= cpu.Generation;

    private static bool RunsOnRiscV(CpuDescription cpu, CacheTarget target) =>
        target.Family == "riscv64" && (target.Name == cpu.Model || target.Generic);
}
