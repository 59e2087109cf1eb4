using System.Collections.Generic;
using System.IO;
using CacheMeta.Pages.Yaml;
using CacheMeta.Sources;

namespace CacheMeta.Tags;

/// <summary>
/// Reads the site's tag list (<c>_data/tags.yaml</c>): a YAML list of <c>{name, stacks}</c> entries, e.g.
/// <c>- name: develop</c> / <c>stacks: [e4s, root]</c>. Read with the same bounded YAML reader as pages;
/// keys other than name and stacks are ignored. A malformed list is an InvalidTagList error with its position.
/// </summary>
internal static class TagListReader
{
    /// <summary>The folder a site's tag list sits in: <c>&lt;site&gt;/_data/tags.yaml</c>.</summary>
    public const string DataFolder = "_data";

    /// <summary>
    /// Reads a tag-list file into <paramref name="tags"/>; its tags' specs are read from <paramref name="origin"/>
    /// (see <see cref="PagesOf"/>).
    /// </summary>
    public static void ReadFile(string path, TagCollector tags, ISpecSource? origin = null) =>
        Read(TagFile.ReadText(path, ErrorIds.InvalidTagList), path, tags, origin);

    /// <summary>The file name of a site's tag list inside its <see cref="DataFolder"/>.</summary>
    public const string ListFileName = "tags.yaml";

    /// <summary>
    /// The tag list a site's <c>_data</c> folder holds, for a path given as that folder rather than the file;
    /// null for any other folder.
    /// </summary>
    public static string? ListIn(string folder)
    {
        string full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string list = Path.Combine(full, ListFileName);
        return Directory.Exists(full) && Path.GetFileName(full) == DataFolder && File.Exists(list) ? list : null;
    }

    /// <summary>True for a file that is not a page: what a page-tree path that is a file holds instead is a tag list.</summary>
    public static bool IsTagList(string path) =>
        File.Exists(path) && Path.GetFileName(path) is not (PageFiles.PageFileName or PageFiles.LegacyPageFileName);

    /// <summary>
    /// Where the pages of a tag list's tags are: the site's <c>_cache</c> folder, for a list at
    /// <c>&lt;site&gt;/_data/tags.yaml</c> whose site has one; null for a list elsewhere.
    /// </summary>
    public static string? PagesOf(string path)
    {
        string? data = Path.GetDirectoryName(Path.GetFullPath(path));
        string? site = data is not null && Path.GetFileName(data) == DataFolder ? Path.GetDirectoryName(data) : null;
        string? pages = site is null ? null : Path.Combine(site, PageFiles.SiteCacheFolder);
        return pages is not null && Directory.Exists(pages) ? pages : null;
    }

    /// <summary>Reads tag-list text; <paramref name="path"/> names it in errors and becomes each tag's Source.</summary>
    public static void Read(string yaml, string path, TagCollector tags, ISpecSource? origin = null)
    {
        YamlNode? root;
        try
        {
            root = YamlTreeReader.Read(yaml, path);
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.InvalidCachePage)
        {
            throw new CacheMetaException(ErrorIds.InvalidTagList, ex.Kind, ex.Reason.Replace("The front matter", "The tag list"), path,
                ex.Line, ex.Column, ex);
        }

        if (root is null || root is YamlScalar { Kind: ScalarKind.Null })
        {
            return; // an empty list
        }

        if (root is not YamlSequence entries)
        {
            var error = Invalid(path, $"A tag list is a list of {{name, stacks}} entries, not {root.Describe()}.", root);
            error.Remedy = CacheRemedy.ReadAsCatalog; // a catalog is a mapping of tags
            throw error;
        }

        foreach (var entry in entries.Items)
        {
            if (entry is not YamlMapping map)
            {
                throw Invalid(path, $"A tag-list entry must be a mapping with 'name' and 'stacks', not {entry.Describe()}.", entry);
            }

            string? name = null;
            var stacks = new List<string>();
            foreach (var pair in map.Entries)
            {
                if (pair.Key.Value == "name")
                {
                    name = pair.Value is YamlScalar { Kind: not ScalarKind.Null } scalar && scalar.Value.Length > 0
                        ? scalar.Value
                        : throw Invalid(path, $"A tag's 'name' must be text, not {pair.Value.Describe()}.", pair.Value);
                }
                else if (pair.Key.Value == "stacks")
                {
                    Stacks(pair.Value, path, stacks);
                }
            }

            tags.Add(name ?? throw Invalid(path, "A tag-list entry has no 'name'.", map), stacks, path, origin);
        }
    }

    private static void Stacks(YamlNode node, string path, List<string> stacks)
    {
        if (node is YamlScalar { Kind: ScalarKind.Null })
        {
            return;
        }

        if (node is not YamlSequence list)
        {
            throw Invalid(path, $"A tag's 'stacks' must be a list of names, not {node.Describe()}.", node);
        }

        foreach (var item in list.Items)
        {
            stacks.Add(item is YamlScalar { Kind: not ScalarKind.Null } scalar
                ? scalar.Value
                : throw Invalid(path, $"A stack must be a name, not {item.Describe()}.", item));
        }
    }

    private static CacheMetaException Invalid(string path, string reason, YamlNode at) =>
        new(ErrorIds.InvalidTagList, CacheErrorKind.InvalidData, reason, path, at.Line, at.Column);
}
