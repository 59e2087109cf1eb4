using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CacheMeta.Query;
using CacheMeta.Completion;

namespace CacheMeta.Sources;

/// <summary>
/// Finds page files under a folder, lazily and in a fixed order (ordinal names, depth first), so the first
/// page is read before the whole tree is listed and two runs list the same files in the same order.
/// A page is a <c>specs.md</c>; the oldest site layout's <c>_cache/&lt;package&gt;/index.md</c> counts too
/// where its folder has no <c>specs.md</c>. Under a site's <c>_cache</c> folder, tag and package folders
/// whose names the query rules out are not entered at all.
/// </summary>
internal static class PageFiles
{
    /// <summary>The file name of a cache page.</summary>
    public const string PageFileName = "specs.md";

    /// <summary>The file name of a page in the oldest layout (<c>_cache/&lt;package&gt;/index.md</c>).</summary>
    public const string LegacyPageFileName = "index.md";

    /// <summary>The site folder that holds <c>&lt;tag&gt;/&lt;package&gt;</c> folders.</summary>
    public const string SiteCacheFolder = "_cache";

    /// <summary>
    /// Lists the page files under <paramref name="folder"/>. A folder that holds a page is a package's page
    /// folder: pages do not nest, so the search does not go further down it.
    /// </summary>
    public static IEnumerable<string> Find(string folder, CompiledQuery? query = null, CancellationToken cancellationToken = default)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string directory = pending.Pop();
            var listing = List(directory);
            string? page = PageOf(directory, listing);
            if (page is not null)
            {
                yield return page;
                continue;
            }

            var children = Subfolders(directory, listing, query, out _);
            for (int i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    /// <summary>The page a folder holds (its specs.md, or an oldest-layout index.md under _cache); null when none.</summary>
    internal static string? PageOf(string directory, Listing listing)
    {
        if (listing.HasPage)
        {
            return Path.Combine(directory, PageFileName);
        }

        bool inCacheFolder = Path.GetFileName(Path.GetDirectoryName(directory)) == SiteCacheFolder;
        return listing.HasLegacyPage && inCacheFolder ? Path.Combine(directory, LegacyPageFileName) : null;
    }

    /// <summary>
    /// The subfolders worth searching, in ordinal order: not hidden, not links, and under a site's _cache folder
    /// only the tag and package folders the query can match (<paramref name="ruledOut"/> counts the others).
    /// </summary>
    internal static List<string> Subfolders(string directory, Listing listing, CompiledQuery? query, out int ruledOut)
    {
        ruledOut = 0;
        // Where this folder sits in a site decides what its subfolders are: _cache/<tag>/<package>.
        bool isCacheFolder = Path.GetFileName(directory) == SiteCacheFolder;
        bool inCacheFolder = Path.GetFileName(Path.GetDirectoryName(directory)) == SiteCacheFolder;
        var names = listing.Subdirectories;
        names.Sort(StringComparer.Ordinal);
        var folders = new List<string>(names.Count);
        foreach (string name in names)
        {
            if (name.StartsWith(".", StringComparison.Ordinal))
            {
                continue; // .git and friends
            }

            if (isCacheFolder)
            {
                query?.Census?.Observe(CompletionField.Tag, name); // the site's tags, also those -Tag rules out
            }

            if (query is null || (isCacheFolder ? query.MatchesTag(name) : !inCacheFolder || query.MatchesName(name)))
            {
                folders.Add(Path.Combine(directory, name));
            }
            else
            {
                ruledOut++;
            }
        }

        return folders;
    }

    internal sealed class Listing
    {
        public bool HasPage;
        public bool HasLegacyPage;
        public List<string> Subdirectories = new();
    }

#if NET
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    // One directory read gives names and entry types: no stat per entry, which is most of the cost of
    // walking a site of thousands of package folders. Links to folders are not followed (they could loop).
    internal static Listing List(string directory)
    {
        var listing = new Listing();
        try
        {
            var entries = new System.IO.Enumeration.FileSystemEnumerable<(string? Folder, int File)>(directory,
                (ref System.IO.Enumeration.FileSystemEntry entry) => entry.IsDirectory
                    ? ((entry.Attributes & FileAttributes.ReparsePoint) != 0 ? (null, 0) : (entry.FileName.ToString(), 0))
                    : (null, entry.FileName.SequenceEqual(PageFileName.AsSpan()) ? 1 : entry.FileName.SequenceEqual(LegacyPageFileName.AsSpan()) ? 2 : 0),
                ListOptions);
            foreach (var (folder, file) in entries)
            {
                if (folder is not null)
                {
                    listing.Subdirectories.Add(folder);
                }

                listing.HasPage |= file == 1;
                listing.HasLegacyPage |= file == 2;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that vanished or is unreadable holds no pages we can read.
        }

        return listing;
    }
#else
    internal static Listing List(string directory)
    {
        var listing = new Listing
        {
            HasPage = File.Exists(Path.Combine(directory, PageFileName)),
            HasLegacyPage = File.Exists(Path.Combine(directory, LegacyPageFileName)),
        };
        try
        {
            foreach (string child in Directory.GetDirectories(directory))
            {
                if ((File.GetAttributes(child) & FileAttributes.ReparsePoint) == 0)
                {
                    listing.Subdirectories.Add(Path.GetFileName(child));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that vanished or is unreadable holds no pages we can read.
        }

        return listing;
    }
#endif

}
