using System;
using System.IO;
using System.Linq;

namespace CacheMeta.Pages;

/// <summary>
/// What a folder given in the wrong place holds, so the message can say what was found instead of a file
/// system error or silence: a site's <c>_data</c> folder of YAML given where pages are read, a file given
/// where a site folder is to be written.
/// </summary>
internal static class FolderCheck
{
    /// <summary>
    /// Why <paramref name="folder"/>, given as a folder of pages, holds none: it has YAML files and no folders
    /// (a site's <c>_data/</c>). Null when it does not look so; only the folder's own entries are listed.
    /// </summary>
    public static string? YamlDataNotPages(string folder)
    {
        try
        {
            if (!Directory.Exists(folder) || Directory.EnumerateDirectories(folder).Any())
            {
                return null;
            }

            var yaml = Directory.EnumerateFiles(folder).Select(Path.GetFileName)
                .Where(name => name!.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(name => name, StringComparer.Ordinal).Take(4).ToList();
            if (yaml.Count == 0)
            {
                return null;
            }

            string found = string.Join(", ", yaml.Take(3)) + (yaml.Count > 3 ? ", ..." : string.Empty);
            return $"'{folder}' holds YAML data ({found}), not cache pages: give the site folder (the one with _cache), "
                + "its _cache folder, a tag folder or specs.md files. The site's tag list is read by Get-CacheTag.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the reading itself reports what it cannot list
        }
    }

    /// <summary>
    /// Why no page can be written under <paramref name="site"/>: it, or a folder it would be made in, is a
    /// file. Null when the site folder exists or can be made.
    /// </summary>
    public static CacheMetaException? FileWhereSiteFolderGoes(string site)
    {
        for (string? path = Path.GetFullPath(site); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                string reason = string.Equals(path, Path.GetFullPath(site), StringComparison.Ordinal)
                    ? "The destination is a file; it must be the site folder that _cache/<tag>/<package>/specs.md pages go in."
                    : $"The destination cannot be made: '{path}' is a file, not a folder.";
                return new CacheMetaException(ErrorIds.DestinationIsFile, CacheErrorKind.InvalidArgument, reason, site);
            }

            if (Directory.Exists(path))
            {
                return null;
            }
        }

        return null;
    }
}
