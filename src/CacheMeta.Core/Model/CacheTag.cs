using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CacheMeta;

/// <summary>What kind of build-cache ref a tag is.</summary>
public enum CacheTagKind
{
    /// <summary><c>develop</c>: the rolling cache of Spack's develop branch.</summary>
    Develop,
    /// <summary><c>vX.Y.Z</c>: a release.</summary>
    Release,
    /// <summary><c>develop-YYYY-MM-DD</c>: a weekly snapshot of develop.</summary>
    Snapshot,
    /// <summary>Any other name.</summary>
    Other,
}

/// <summary>
/// A tag (ref) of the build cache with the CI stacks built for it. Tags sort as cache.spack.io lists them:
/// develop, then releases newest first, then snapshots newest first, then anything else by name.
/// </summary>
public sealed class CacheTag : IComparable<CacheTag>, IComparable
{
    private static readonly Regex ReleaseName = new(@"^v(?<version>[0-9]+(\.[0-9]+)*)$", RegexOptions.CultureInvariant);
    private static readonly Regex SnapshotName = new(@"^develop-(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})$", RegexOptions.CultureInvariant);

    /// <summary>Creates a tag; its kind, date and version follow from the name.</summary>
    public CacheTag(string name, IReadOnlyList<string>? stacks, string? source)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Stacks = ValueList.From(stacks);
        Source = source;
        Kind = CacheTagKind.Other;
        if (name == "develop")
        {
            Kind = CacheTagKind.Develop;
        }
        else if (ReleaseName.Match(name) is { Success: true } release)
        {
            Kind = CacheTagKind.Release;
            ParsedVersion = SpackVersion.Parse(release.Groups["version"].Value);
        }
        else if (SnapshotName.Match(name) is { Success: true } snapshot
            && DateTime.TryParseExact(snapshot.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Kind = CacheTagKind.Snapshot;
            Date = date;
        }
    }

    /// <summary>The tag as the cache names it: <c>develop</c>, <c>v0.23.1</c>, <c>develop-2025-03-30</c>.</summary>
    public string Name { get; }

    /// <summary>Develop, Release, Snapshot or Other.</summary>
    public CacheTagKind Kind { get; }

    /// <summary>The snapshot's date (develop-YYYY-MM-DD); null for other kinds.</summary>
    public DateTime? Date { get; }

    /// <summary>
    /// The release's version (vX.Y.Z without the v); null for other kinds. In PowerShell this property is the
    /// <see cref="SpackVersion"/> (CacheMeta.psm1 puts it in front), so it sorts as Spack orders versions.
    /// </summary>
    public string? Version => ParsedVersion?.Text;

    /// <summary>The CI stacks built for the tag, sorted; <c>root</c> is the union cache.</summary>
    public ValueList Stacks { get; }

    /// <summary>The file or folder the tag was read from.</summary>
    public string? Source { get; }

    /// <summary>
    /// Where the tag's specs are read (the page tree or catalog it was found in, the site a tag list belongs to):
    /// a tag piped to Get-CacheSpec gives its specs from there. Null when no source of specs is known.
    /// </summary>
    internal Sources.ISpecSource? Origin { get; set; }

    /// <summary>Compares in the site's order: develop, releases newest first, snapshots newest first, others by name.</summary>
    public int CompareTo(CacheTag? other)
    {
        if (other is null)
        {
            return 1;
        }

        int byKind = Kind.CompareTo(other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        int newestFirst = Kind switch
        {
            CacheTagKind.Release => SpackVersion.Compare(other.ParsedVersion, ParsedVersion),
            CacheTagKind.Snapshot => Nullable.Compare(other.Date, Date),
            _ => 0,
        };
        return newestFirst != 0 ? newestFirst : string.CompareOrdinal(Name, other.Name);
    }

    int IComparable.CompareTo(object? obj) => obj is CacheTag tag ? CompareTo(tag)
        : throw new ArgumentException("Object must be a CacheTag.", nameof(obj));

    /// <summary>The release's version ordered as Spack orders versions; PowerShell shows it as <see cref="Version"/>.</summary>
    internal SpackVersion? ParsedVersion { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
