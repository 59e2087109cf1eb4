using System;
using System.IO;
using CacheMeta.Sources;

namespace CacheMeta.Pages;

/// <summary>
/// Where a page of a site lives: <c>&lt;site&gt;/_cache/&lt;tag&gt;/&lt;package&gt;/specs.md</c>. Tag and package come
/// from data (a page, an index), so they are checked before they become folder names: a name that is a path
/// (a separator, <c>..</c>, a drive) or that the file system would rewrite could place a file anywhere.
/// </summary>
internal static class PageLocation
{
    private static readonly char[] Separators = { '/', '\\' };

    /// <summary>The page file for <paramref name="tag"/> and <paramref name="package"/> under the site folder.</summary>
    /// <exception cref="CacheMetaException">
    /// <c>PageOutsideDestination</c> (SecurityError) for a name that is not one plain folder name;
    /// <c>InvalidPageName</c> (InvalidArgument) for an empty name.
    /// </exception>
    public static string PathFor(string site, string tag, string package)
    {
        if (site is null)
        {
            throw new ArgumentNullException(nameof(site));
        }

        string root = Path.GetFullPath(site);
        CheckSegment(tag, "tag", root);
        CheckSegment(package, "package name", root);
        string path = Path.Combine(root, PageFiles.SiteCacheFolder, tag, package, PageFiles.PageFileName);

        // Belt and braces: the file system's own normalisation (Windows drops trailing dots and spaces) must
        // not turn the checked names into others.
        if (!string.Equals(Path.GetFullPath(path), path, StringComparison.Ordinal))
        {
            throw Outside($"The tag '{tag}' and package '{package}' do not name a folder inside the destination.", root);
        }

        return path;
    }

    /// <summary>
    /// The tag a page belongs to by its place in a site: <c>&lt;tag&gt;</c> for <c>.../_cache/&lt;tag&gt;/&lt;package&gt;/specs.md</c>,
    /// null for a page anywhere else. The site serves the page under that tag, and -Tag skips tag folders by that
    /// name, so it is the page's Tag; its categories only decide where the page is not in a site.
    /// <paramref name="previous"/> is returned when it is the same name, so the pages of a tag share one string.
    /// </summary>
    public static string? SiteTagOf(string path, string? previous = null)
    {
        var text = path.AsSpan();
        if (!text.EndsWith(PageFiles.PageFileName.AsSpan(), StringComparison.Ordinal))
        {
            return null;
        }

        int file = text.Length - PageFiles.PageFileName.Length;
        int package = LastSeparator(text, file - 1); // the separators before the package, tag and _cache folder names
        int tag = package > 0 ? LastSeparator(text, package) : -1;
        int cache = tag > 0 ? LastSeparator(text, tag) : -1;
        if (file == 0 || !IsSeparator(text[file - 1]) || tag <= 0 || package - tag <= 1
            || !text.Slice(cache + 1, tag - cache - 1).SequenceEqual(PageFiles.SiteCacheFolder.AsSpan()))
        {
            return null;
        }

        var name = text.Slice(tag + 1, package - tag - 1);
        return previous is not null && name.SequenceEqual(previous.AsSpan()) ? previous : name.ToString();
    }

    // The last separator before index 'before'; -1 when there is none.
    private static int LastSeparator(ReadOnlySpan<char> text, int before)
    {
        for (int i = before - 1; i >= 0; i--)
        {
            if (IsSeparator(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;

    private static void CheckSegment(string? name, string what, string root)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new CacheMetaException(ErrorIds.InvalidPageName, CacheErrorKind.InvalidArgument, $"The {what} is empty.", root);
        }

        if (name == "." || name == ".." || name!.IndexOfAny(Separators) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || Path.IsPathRooted(name))
        {
            throw Outside($"The {what} '{name}' is not a plain folder name; a page is written only inside the destination.", root);
        }
    }

    private static CacheMetaException Outside(string reason, string root) =>
        new(ErrorIds.PageOutsideDestination, CacheErrorKind.SecurityError, reason, root);
}
