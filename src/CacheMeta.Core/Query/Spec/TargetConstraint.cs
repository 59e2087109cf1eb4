using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Targets;

namespace CacheMeta.Query.Spec;

/// <summary>
/// A <c>target=</c> value: a comma-separated union of targets and archspec ranges. <c>zen2</c> is that
/// target (wildcards allowed); <c>x86_64_v3:</c> is x86_64_v3 and every target descending from it;
/// <c>:broadwell</c> is broadwell and its ancestors; <c>haswell:broadwell</c> both at once. Ranges follow
/// <see cref="Microarchitectures"/>, so <c>aarch64:</c> is every aarch64-family target.
/// </summary>
internal sealed class TargetConstraint
{
    private readonly Item[] _items;

    private TargetConstraint(Item[] items, IReadOnlyList<string> unknownRangeTargets)
    {
        _items = items;
        UnknownRangeTargets = unknownRangeTargets;
    }

    /// <summary>
    /// The ends of ranges that are not targets the table knows: such a range cannot reach other targets, which is
    /// worth saying (a typing error such as <c>zen9:</c> would otherwise just match nothing).
    /// </summary>
    public IReadOnlyList<string> UnknownRangeTargets { get; }

    /// <summary>Parses the value; throws <see cref="FormatException"/> naming the offending item.</summary>
    public static TargetConstraint Parse(string text)
    {
        var items = new List<Item>();
        var unknown = new List<string>();
        foreach (string raw in text.Split(','))
        {
            string part = raw.Trim();
            int colon = part.IndexOf(':');
            if (part.Length == 0)
            {
                throw new FormatException($"The target list '{text}' has an empty item.");
            }

            if (colon < 0)
            {
                Check(part, text, wildcardsAllowed: true);
                items.Add(new Item(null, null, new Wildcard(part)));
                continue;
            }

            if (part.IndexOf(':', colon + 1) >= 0)
            {
                throw new FormatException($"The target range '{part}' has more than one ':'.");
            }

            string low = part.Substring(0, colon), high = part.Substring(colon + 1);
            Check(low, text, wildcardsAllowed: false);
            Check(high, text, wildcardsAllowed: false);
            unknown.AddRange(new[] { low, high }.Where(t => t.Length > 0 && Microarchitectures.Find(t) is null && !unknown.Contains(t)));
            items.Add(new Item(low.Length == 0 ? null : low, high.Length == 0 ? null : high, null));
        }

        return new TargetConstraint(items.ToArray(), unknown);
    }

    /// <summary>True when the target satisfies any item of the union.</summary>
    public bool Matches(string? target)
    {
        if (target is null)
        {
            return false;
        }

        foreach (var item in _items)
        {
            if (item.Matches(target))
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(string name, string text, bool wildcardsAllowed)
    {
        foreach (char c in name)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '_' or '.' or '-'
                || (wildcardsAllowed && c is '*' or '?');
            if (!ok)
            {
                throw new FormatException(wildcardsAllowed || (c != '*' && c != '?')
                    ? $"'{name}' in the target '{text}' is not a target name."
                    : $"A target range ('{text}') takes target names, not wildcards.");
            }
        }
    }

    private readonly struct Item
    {
        private readonly string? _low;
        private readonly string? _high;
        private readonly Wildcard? _exact;

        public Item(string? low, string? high, Wildcard? exact)
        {
            _low = low;
            _high = high;
            _exact = exact;
        }

        public bool Matches(string target)
        {
            if (_exact is not null)
            {
                return _exact.IsMatch(target);
            }

            return (_low is null || Microarchitectures.IsSameOrDescendant(target, _low))
                && (_high is null || Microarchitectures.IsSameOrDescendant(_high, target));
        }
    }
}
