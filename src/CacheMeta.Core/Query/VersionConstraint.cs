using System;
using System.Collections.Generic;

namespace CacheMeta.Query;

/// <summary>
/// A Spack version constraint: a comma-separated union of <c>1.2</c> (1.2 and every 1.2.x), <c>=1.2</c>
/// (exactly 1.2), and inclusive ranges <c>1.2:1.4</c>, <c>:3</c>, <c>4.2:</c>. An upper bound covers the
/// versions it prefixes, as in Spack (<c>:3</c> includes 3.9).
/// </summary>
internal sealed class VersionConstraint
{
    private readonly Item[] _items;

    private VersionConstraint(string text, Item[] items)
    {
        Text = text;
        _items = items;
    }

    /// <summary>The constraint as written.</summary>
    public string Text { get; }

    /// <summary>Parses a constraint; throws <see cref="FormatException"/> for an empty one or an empty list item.</summary>
    public static VersionConstraint Parse(string text) => Parse(text, spec: null);

    /// <summary>Parses the version list of <paramref name="spec"/>, whose syntax an error's hint then follows.</summary>
    internal static VersionConstraint Parse(string text, string? spec)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("A version constraint is empty.");
        }

        var items = new List<Item>();
        foreach (string raw in text.Split(','))
        {
            string part = raw.Trim();
            if (part.Length == 0)
            {
                throw new FormatException($"The version list '{text}' has an empty item.");
            }

            if (part[0] == '=')
            {
                items.Add(new Item(Version(part.Substring(1), text, spec), null, exact: true));
                continue;
            }

            int colon = part.IndexOf(':');
            if (colon < 0)
            {
                var v = Version(part, text, spec);
                items.Add(new Item(v, v, exact: false));
                continue;
            }

            if (part.IndexOf(':', colon + 1) >= 0)
            {
                throw new FormatException($"The version range '{part}' has more than one ':'.");
            }

            string lo = part.Substring(0, colon).Trim(), hi = part.Substring(colon + 1).Trim();
            items.Add(new Item(lo.Length == 0 ? null : Version(lo, text, spec), hi.Length == 0 ? null : Version(hi, text, spec), exact: false));
        }

        return new VersionConstraint(text, items.ToArray());
    }

    // Spack's rule for version text: letters, digits, '.', '_', '-' (and '=' after the first character).
    private static SpackVersion Version(string text, string constraint, string? spec)
    {
        if (text.Length == 0 || !Valid(text))
        {
            string? hint = spec is null ? SpackSyntaxHint.ForVersion(constraint) : SpackSyntaxHint.ForSpec(spec);
            throw new FormatException($"'{text}' in the version constraint '{constraint}' is not a version." + hint);
        }

        return SpackVersion.Parse(text);
    }

    private static bool Valid(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'
                || (c == '=' && i > 0);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the version satisfies any item of the union.</summary>
    public bool IsSatisfiedBy(SpackVersion? version)
    {
        if (version is null)
        {
            return false;
        }

        foreach (var item in _items)
        {
            if (item.Contains(version))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private readonly struct Item
    {
        private readonly SpackVersion? _low;
        private readonly SpackVersion? _high;
        private readonly bool _exact;

        public Item(SpackVersion? low, SpackVersion? high, bool exact)
        {
            _low = low;
            _high = high;
            _exact = exact;
        }

        public bool Contains(SpackVersion v)
        {
            if (_exact)
            {
                return string.Equals(v.Text, _low!.Text, StringComparison.OrdinalIgnoreCase) || v.CompareTo(_low) == 0;
            }

            bool aboveLow = _low is null || v.CompareTo(_low) >= 0;
            bool belowHigh = _high is null || v.CompareTo(_high) <= 0 || v.StartsWith(_high);
            return aboveLow && belowHigh;
        }
    }
}
