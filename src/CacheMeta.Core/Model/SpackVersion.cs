using System;
using System.Collections.Generic;

namespace CacheMeta;

/// <summary>
/// A concrete Spack version such as <c>6.1.0</c>, <c>2.0rc1</c> or <c>develop</c>. It prints exactly as
/// written and orders as Spack orders versions: numeric components numerically, infinity names
/// (<c>develop</c> &gt; <c>main</c> &gt; <c>master</c> &gt; <c>head</c> &gt; <c>trunk</c> &gt; <c>stable</c>) above
/// every number, other letters below numbers, and <c>alpha</c>/<c>beta</c>/<c>rc</c> suffixes before the release.
/// </summary>
public sealed class SpackVersion : IComparable<SpackVersion>, IComparable, IEquatable<SpackVersion>
{
    // Spack's "infinity" names, lowest first: each compares above every number.
    private static readonly string[] InfinityNames = { "stable", "trunk", "head", "master", "main", "develop" };

    private const int Alpha = 0, Beta = 1, ReleaseCandidate = 2, Final = 3;

    private readonly Component[] _release;
    private readonly int _prereleaseKind;
    private readonly string? _prereleaseNumber;

    private SpackVersion(string text, Component[] release, int prereleaseKind, string? prereleaseNumber)
    {
        Text = text;
        _release = release;
        _prereleaseKind = prereleaseKind;
        _prereleaseNumber = prereleaseNumber;
    }

    /// <summary>The version exactly as written.</summary>
    public string Text { get; }

    /// <summary>Parses a version; never fails (Spack accepts any text here, it just orders it).</summary>
    public static SpackVersion Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var segments = Split(text.Trim());
        int kind = Final;
        string? number = null;
        int count = segments.Count;
        if (count >= 3 && !segments[count - 2].IsNumber && PrereleaseKind(segments[count - 2].Text) is int k1
            && segments[count - 1].IsNumber)
        {
            kind = k1;
            number = segments[count - 1].Text;
            count -= 2;
        }
        else if (count >= 2 && !segments[count - 1].IsNumber && PrereleaseKind(segments[count - 1].Text) is int k2)
        {
            kind = k2;
            count -= 1;
        }

        var release = new Component[count];
        for (int i = 0; i < count; i++)
        {
            release[i] = segments[i];
        }

        return new SpackVersion(text, release, kind, number);
    }

    /// <summary>True when this version's components start with all of <paramref name="prefix"/>'s
    /// (Spack's rule that <c>@3.2</c> covers <c>3.2.1</c>).</summary>
    public bool StartsWith(SpackVersion prefix)
    {
        if (prefix._release.Length > _release.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix._release.Length; i++)
        {
            if (Component.Compare(_release[i], prefix._release[i]) != 0)
            {
                return false;
            }
        }

        // A prefix with a prerelease part only covers that exact prerelease.
        return prefix._prereleaseKind == Final
            || (prefix._release.Length == _release.Length && CompareTo(prefix) == 0);
    }

    /// <inheritdoc />
    public int CompareTo(SpackVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int n = Math.Min(_release.Length, other._release.Length);
        for (int i = 0; i < n; i++)
        {
            int c = Component.Compare(_release[i], other._release[i]);
            if (c != 0)
            {
                return c;
            }
        }

        if (_release.Length != other._release.Length)
        {
            return _release.Length.CompareTo(other._release.Length);
        }

        if (_prereleaseKind != other._prereleaseKind)
        {
            return _prereleaseKind.CompareTo(other._prereleaseKind);
        }

        // (rc) sorts before (rc, 1), as Python compares the tuples.
        if (_prereleaseNumber is null || other._prereleaseNumber is null)
        {
            return (_prereleaseNumber is null ? 0 : 1) - (other._prereleaseNumber is null ? 0 : 1);
        }

        return CompareDigits(_prereleaseNumber, other._prereleaseNumber);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        SpackVersion v => CompareTo(v),
        string s => CompareTo(Parse(s)),
        _ => throw new ArgumentException("Object must be a SpackVersion or a string.", nameof(obj)),
    };

    /// <inheritdoc />
    public bool Equals(SpackVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj switch
    {
        SpackVersion v => Equals(v),
        string s => Equals(Parse(s)),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int hash = _prereleaseKind;
        foreach (var c in _release)
        {
            hash = unchecked(hash * 31 + c.GetHashCode());
        }

        return hash;
    }

    /// <summary>The version exactly as written.</summary>
    public override string ToString() => Text;

    /// <summary>Compares two versions by Spack's ordering.</summary>
    public static int Compare(SpackVersion? a, SpackVersion? b) => a is null ? (b is null ? 0 : -1) : a.CompareTo(b);

    private static int? PrereleaseKind(string text) => text switch
    {
        "alpha" => Alpha,
        "beta" => Beta,
        "rc" => ReleaseCandidate,
        "final" => Final,
        _ => null,
    };

    // Splits "1.2rc1" into 1, 2, rc, 1: runs of digits or letters; separators . - _ and anything else dropped.
    private static List<Component> Split(string text)
    {
        var parts = new List<Component>(4);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (IsDigit(c))
            {
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }

                parts.Add(Component.Number(text.Substring(start, i - start)));
            }
            else if (IsLetter(c))
            {
                while (i < text.Length && IsLetter(text[i]))
                {
                    i++;
                }

                parts.Add(Component.Word(text.Substring(start, i - start)));
            }
            else
            {
                i++;
            }
        }

        return parts;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    // Compares digit strings numerically without overflow: strip leading zeros, then length, then text.
    private static int CompareDigits(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }

    private readonly struct Component
    {
        private Component(string text, bool isNumber, int infinityRank)
        {
            Text = text;
            IsNumber = isNumber;
            InfinityRank = infinityRank;
        }

        public string Text { get; }

        public bool IsNumber { get; }

        // -1 for an ordinary word, else the index in InfinityNames.
        public int InfinityRank { get; }

        public static Component Number(string digits) => new(digits, true, -1);

        public static Component Word(string letters) => new(letters, false, Array.IndexOf(InfinityNames, letters));

        // Ordinary words < numbers < infinity names; like kinds compare among themselves.
        private int Tier => IsNumber ? 1 : InfinityRank >= 0 ? 2 : 0;

        public static int Compare(Component a, Component b)
        {
            if (a.Tier != b.Tier)
            {
                return a.Tier.CompareTo(b.Tier);
            }

            return a.Tier switch
            {
                1 => CompareDigits(a.Text, b.Text),
                2 => a.InfinityRank.CompareTo(b.InfinityRank),
                _ => string.CompareOrdinal(a.Text, b.Text),
            };
        }

        public override int GetHashCode() => IsNumber ? Text.TrimStart('0').GetHashCode() : Text.GetHashCode();
    }
}
