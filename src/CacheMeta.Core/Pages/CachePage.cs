using System.Collections.Generic;

namespace CacheMeta.Pages;

/// <summary>Which way a page lists its specs (the format generations differ here).</summary>
public enum PageSpecLayout
{
    /// <summary>G4 and later: <c>spec_details</c>, one record per spec.</summary>
    SpecDetails,
    /// <summary>G2 and G3: <c>spec_files</c> with a parallel <c>spec_names</c> list of spec strings.</summary>
    SpecNames,
    /// <summary>G1: <c>spec_files</c> as one-key maps from spec string to file name.</summary>
    SpecFiles,
}

/// <summary>One cache page read from a file: its front matter keys, its package summary and its specs.</summary>
internal sealed class CachePage
{
    internal CachePage(string path, string title, string? layout, IReadOnlyList<string> categories, string? tag,
        CachePackage package, int? metaNumSpecs, IReadOnlyList<CacheSpec> specs, int entryCount, PageSpecLayout specLayout)
    {
        Path = path;
        Title = title;
        Layout = layout;
        Categories = categories;
        CategoryTag = TagOf(categories);
        Tag = tag;
        Package = package;
        MetaNumSpecs = metaNumSpecs;
        Specs = specs;
        EntryCount = entryCount;
        SpecLayout = specLayout;
    }

    /// <summary>The file the page was read from.</summary>
    public string Path { get; }

    /// <summary>The <c>title</c>: the package name.</summary>
    public string Title { get; }

    /// <summary>The Jekyll <c>layout</c>.</summary>
    public string? Layout { get; }

    /// <summary>The <c>categories</c> (or the oldest pages' single <c>category</c>).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>
    /// The tag the page belongs to: the <c>_cache/&lt;tag&gt;/</c> folder it sits in when it sits in a site, else
    /// <see cref="CategoryTag"/>. Its specs carry this tag, and -Tag filters by it.
    /// </summary>
    public string? Tag { get; }

    /// <summary>The tag named in <c>categories</c> (the last category other than <c>package</c>); null when the page names none.</summary>
    public string? CategoryTag { get; }

    /// <summary>The package summary from the page's <c>meta</c>.</summary>
    public CachePackage Package { get; }

    /// <summary><c>meta.num_specs</c> as written; null when the page has none.</summary>
    public int? MetaNumSpecs { get; }

    /// <summary>The specs that passed the query (all of them when there was none).</summary>
    public IReadOnlyList<CacheSpec> Specs { get; }

    /// <summary>How many spec entries the page holds, before any filter.</summary>
    public int EntryCount { get; }

    /// <summary>How the page lists its specs.</summary>
    public PageSpecLayout SpecLayout { get; }

    /// <summary>The tag <paramref name="categories"/> name: the last category other than "package".</summary>
    internal static string? TagOf(IReadOnlyList<string> categories)
    {
        for (int i = categories.Count - 1; i >= 0; i--)
        {
            if (!string.Equals(categories[i], PageKeys.PackageCategory, System.StringComparison.Ordinal))
            {
                return categories[i];
            }
        }

        return null;
    }
}
