using System;
using System.IO;
using CacheMeta.Sources;

namespace CacheMeta.Pages;

/// <summary>
/// Where a page of a site lives: <c>&lt;site&gt;/_cache/&lt;tag&gt;/&lt;package&gt;/specs.md</c>. Tag and package come
/// from data (a page, an index), so they are checked before they become folder names: a name that is a path
/// (a separator, <c>..</c>, a drive) or that the file system would rewrite could place a file anywhere.
/// </summary>
public static class PageLocation
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
