using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CacheMeta.Query;

namespace CacheMeta.Sources;

/// <summary>
/// Finds page files under a folder, lazily and in a fixed order (ordinal names, depth first), so the first
/// page is read before the whole tree is listed and two runs list the same files in the same order.
/// A page is a <c>specs.md</c>; the oldest site layout's <c>_cache/&lt;package&gt;/index.md</c> counts too
/// where its folder has no <c>specs.md</c>. Under a site's <c>_cache</c> folder, tag and package folders
/// whose names the query rules out are not entered at all.
/// </summary>
public static class PageFiles
{
    /// <summary>The file name of a cache page.</summary>
    public const string PageFileName = "specs.md";

    /// <summary>The file name of a page in the oldest layout (<c>_cache/&lt;package&gt;/index.md</c>).</summary>
    public const string LegacyPageFileName = "index.md";

    /// <summary>The site folder that holds <c>&lt;tag&gt;/&lt;package&gt;</c> folders.</summary>
    public const string SiteCacheFolder = "_cache";

    /// <summary>Lists the page files under <paramref name="folder"/>.</summary>
    public static IEnumerable<string> Find(string folder, CompiledQuery? query = null, CancellationToken cancellationToken = default)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string directory = pending.Pop();
            string page = Path.Combine(directory, PageFileName);
            if (File.Exists(page))
            {
                yield return page;
            }
            else if (IsLegacyPackageFolder(directory) && File.Exists(Path.Combine(directory, LegacyPageFileName)))
            {
                yield return Path.Combine(directory, LegacyPageFileName);
            }

            string[] children = Subdirectories(directory);
            for (int i = children.Length - 1; i >= 0; i--)
            {
                if (ShouldEnter(children[i], query))
                {
                    pending.Push(children[i]);
                }
            }
        }
    }

    private static string[] Subdirectories(string directory)
    {
        string[] children;
        try
        {
            children = Directory.GetDirectories(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>(); // a folder that vanished or is unreadable holds no pages we can read
        }

        Array.Sort(children, StringComparer.Ordinal);
        return children;
    }

    private static bool ShouldEnter(string directory, CompiledQuery? query)
    {
        string name = Path.GetFileName(directory);
        if (name.StartsWith(".", StringComparison.Ordinal))
        {
            return false; // .git and friends
        }

        try
        {
            if ((File.GetAttributes(directory) & FileAttributes.ReparsePoint) != 0)
            {
                return false; // a linked folder could loop back on the tree
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (query is null)
        {
            return true;
        }

        string? parent = Path.GetFileName(Path.GetDirectoryName(directory));
        string? grandparent = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(directory)));
        if (parent == SiteCacheFolder)
        {
            return query.MatchesTag(name); // _cache/<tag>
        }

        if (grandparent == SiteCacheFolder)
        {
            return query.MatchesName(name); // _cache/<tag>/<package>
        }

        return true;
    }

    private static bool IsLegacyPackageFolder(string directory) =>
        Path.GetFileName(Path.GetDirectoryName(directory)) == SiteCacheFolder;
}
