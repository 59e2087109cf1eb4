using System;
using System.Collections.Generic;

namespace CacheMeta.Targets;

/// <summary>
/// The built-in microarchitecture table (<see cref="MicroarchitectureTable"/>) as <see cref="CacheTarget"/>s: lookups,
/// families and the partial order. Index records carry only a target's direct parents, so this table is what lets
/// CacheMeta answer "which aarch64 binaries exist", <c>target=x86_64_v3:</c> or "does this run on zen4" without the
/// archspec package. A target the table does not know is its own family and runs only on itself.
/// </summary>
internal static class Microarchitectures
{
    private static readonly Dictionary<string, CacheTarget> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<CacheTarget> Table = Build();

    /// <summary>Every target, in archspec's order.</summary>
    public static IReadOnlyList<CacheTarget> All => Table;

    /// <summary>The target of that name (ignoring case), or null.</summary>
    public static CacheTarget? Find(string? name) => name is not null && ByName.TryGetValue(name, out var target) ? target : null;

    /// <summary>The family (root ancestor) of a target; an unknown target is its own family, null stays null.</summary>
    public static string? FamilyOf(string? target) => target is null ? null : Find(target)?.Family ?? target;

    /// <summary>True when <paramref name="target"/> is <paramref name="ancestor"/> or descends from it (archspec's
    /// <c>target &gt;= ancestor</c>, Spack's <c>target=ancestor:</c>): a binary for <paramref name="ancestor"/> runs on
    /// <paramref name="target"/>. An unknown target is only the same as itself.</summary>
    public static bool IsSameOrDescendant(string? target, string? ancestor)
    {
        if (target is null || ancestor is null)
        {
            return false;
        }

        return Find(target) is { } known
            ? known.IsSameOrDescendantOf(ancestor)
            : string.Equals(target, ancestor, StringComparison.OrdinalIgnoreCase);
    }

    private static List<CacheTarget> Build()
    {
        var implementers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, vendor) in MicroarchitectureTable.ArmImplementers)
        {
            implementers[vendor] = code;
        }

        var table = new List<CacheTarget>(MicroarchitectureTable.Rows.Length);
        foreach (var row in MicroarchitectureTable.Rows)
        {
            var parents = new List<CacheTarget>();
            foreach (string parent in Split(row.Parents))
            {
                // Rows list parents first; a row that breaks that is a defect of the table, found by every test.
                parents.Add(ByName.TryGetValue(parent, out var known)
                    ? known
                    : throw new InvalidOperationException($"Target '{row.Name}' names '{parent}' before it is defined."));
            }

            bool arm = parents.Count > 0 && parents[0].Family == "aarch64" && row.Vendor != MicroarchitectureTable.Generic;
            var target = new CacheTarget(row.Name, row.Vendor, parents, Split(row.Features), row.Generation,
                arm && implementers.TryGetValue(row.Vendor, out string? code) ? code : null, row.CpuPart, row.Legacy);
            ByName.Add(target.Name, target);
            table.Add(target);
        }

        return table;
    }

    private static string[] Split(string names) =>
        names.Length == 0 ? Array.Empty<string>() : names.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
}
