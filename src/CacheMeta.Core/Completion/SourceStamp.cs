using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CacheMeta.Sources;

namespace CacheMeta.Completion;

/// <summary>
/// A cheap fingerprint of a source's state, so that completion notices a changed source without reading it again:
/// a file's length and last write time; a folder's last write time and those of the folders a site adds to
/// (the site root, its <c>_cache</c> folder and the tag folders in it: a new tag or package folder changes one of
/// them). Edits inside an existing page leave it alone, and that is accepted: completion offers names, and
/// those live in folder names. A URL is read from the local cache only, which changes only when a cmdlet
/// downloads; its stamp is the time, in steps of <see cref="UrlLifetime"/>.
/// </summary>
internal static class SourceStamp
{
    /// <summary>How long the values of a URL (read from the local cache) are kept before they are read again.</summary>
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The stamp of these addresses, now.</summary>
    public static string Of(IReadOnlyList<string> addresses)
    {
        var stamp = new StringBuilder();
        foreach (string address in addresses)
        {
            if (SourceAddress.IsUrl(address))
            {
                stamp.Append(DateTime.UtcNow.Ticks / UrlLifetime.Ticks).Append(';');
            }
            else if (File.Exists(address))
            {
                var file = new FileInfo(address);
                Append(stamp, file.LastWriteTimeUtc).Append(':').Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            else if (Directory.Exists(address))
            {
                Folder(stamp, address, depth: 0);
            }
            else
            {
                stamp.Append("missing;");
            }
        }

        return stamp.ToString();
    }

    // A site root (it holds _cache), a _cache folder: their subfolders are tags; a tag folder's own time covers its
    // package folders. Anything else is stamped by its own time alone.
    private static void Folder(StringBuilder stamp, string folder, int depth)
    {
        Append(stamp, Directory.GetLastWriteTimeUtc(folder)).Append(';');
        if (depth > 1)
        {
            return;
        }

        string cache = Path.Combine(folder, PageFiles.SiteCacheFolder);
        if (Path.GetFileName(folder) == PageFiles.SiteCacheFolder)
        {
            foreach (string tag in SafeList(folder))
            {
                Append(stamp, Directory.GetLastWriteTimeUtc(tag)).Append(';');
            }
        }
        else if (Directory.Exists(cache))
        {
            Folder(stamp, cache, depth + 1);
        }
    }

    private static IEnumerable<string> SafeList(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private static StringBuilder Append(StringBuilder stamp, DateTime time) => stamp.Append(time.Ticks.ToString(CultureInfo.InvariantCulture));
}
