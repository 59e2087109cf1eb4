using System;
using System.Collections.Generic;
using System.Text;
using CacheMeta.Aggregation;
using CacheMeta.Text;

namespace CacheMeta.Pages;

/// <summary>
/// Writes cache pages in the current generator's exact format (G6/G7):
/// <c>---\ntitle: "&lt;package&gt;"\nlayout: cache\ncategories: [package, &lt;tag&gt;]\nmeta: &lt;json&gt;\nspec_details: &lt;json&gt;\n---</c>
/// with no newline after the closing <c>---</c>, each JSON value as Python's <c>json.dumps(sort_keys=True)</c>
/// writes it (<see cref="PythonJson"/>). A record's <c>size</c> is <c>"-"</c> when unknown, and <c>tarball</c>
/// is written only when the record has one. Reading a G6/G7 page and writing it gives back the same bytes.
/// </summary>
internal static class PageWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The canonical page for spec records of one tag and package: aggregated as the generator aggregates
    /// (<see cref="PageAggregator"/>), then written.
    /// </summary>
    public static string Render(string package, string tag, IEnumerable<CacheSpec> specs) =>
        Render(PageAggregator.Aggregate(package, tag, specs, string.Empty));

    /// <summary>
    /// The text of <paramref name="page"/> as it stands: its summary as <c>meta</c> (keys sorted, each list in
    /// the generator's string order, whatever order the summary lists it in), its specs as <c>spec_details</c> in
    /// their order. Aggregate first for the canonical page.
    /// Throws <see cref="CacheMetaException"/> (<c>InvalidPageName</c>) when the page has no tag, or a title or
    /// tag the format cannot carry.
    /// </summary>
    public static string Render(CachePage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        string tag = page.Tag ?? throw NameError("The page has no tag: a current-format page names its tag in 'categories'.", page.Path);
        CheckTitle(page.Title, page.Path);
        CheckTag(tag, page.Path);

        var text = new StringBuilder(256 + (page.Specs.Count * 320));
        text.Append("---\n")
            .Append("title: \"").Append(page.Title).Append("\"\n")
            .Append("layout: cache\n")
            .Append("categories: [").Append(PageKeys.PackageCategory).Append(", ").Append(tag).Append("]\n")
            .Append("meta: ");
        PythonJson.Write(text, Meta(page.Package));
        text.Append("\nspec_details: [");
        for (int i = 0; i < page.Specs.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            PythonJson.Write(text, Record(page.Specs[i]));
        }

        return text.Append("]\n---").ToString();
    }

    /// <summary>The bytes of <see cref="Render(CachePage)"/>: UTF-8 without a byte-order mark.</summary>
    public static byte[] Encode(CachePage page) => Utf8.GetBytes(Render(page));

    // The generator writes every meta list as Python's sorted(): code-point order, versions as strings
    // ("4.12.2" before "4.8.0"). Summaries list versions and compilers as people read them, so they are put
    // back in that order here.
    private static Dictionary<string, object?> Meta(CachePackage package) => new(StringComparer.Ordinal)
    {
        [PageKeys.Compilers] = ReadingOrder.InOrder(package.Compilers, CodePointComparer.Instance),
        [PageKeys.NumSpecs] = package.NumSpecs,
        [PageKeys.NumSpecsByStack] = package.NumSpecsByStack,
        [PageKeys.Oss] = ReadingOrder.InOrder(package.OperatingSystems, CodePointComparer.Instance),
        [PageKeys.Platforms] = ReadingOrder.InOrder(package.Platforms, CodePointComparer.Instance),
        [PageKeys.Stacks] = ReadingOrder.InOrder(package.Stacks, CodePointComparer.Instance),
        [PageKeys.Targets] = ReadingOrder.InOrder(package.Targets, CodePointComparer.Instance),
        [PageKeys.Versions] = ReadingOrder.InOrder(package.Versions, CodePointComparer.Instance),
    };

    private static Dictionary<string, object?> Record(CacheSpec spec)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [PageKeys.Compiler] = spec.Compiler,
            [PageKeys.Hash] = spec.Hash,
            [PageKeys.Os] = spec.OS,
            [PageKeys.Platform] = spec.Platform,
            [PageKeys.Size] = spec.Size is { } size ? size : PageKeys.UnknownSize,
            [PageKeys.Stacks] = spec.Stacks,
            [PageKeys.Target] = spec.Target,
            [PageKeys.Variants] = spec.Variants,
            [PageKeys.Versions] = spec.Versions,
        };
        if (spec.Tarball is not null)
        {
            record[PageKeys.Tarball] = spec.Tarball;
        }

        return record;
    }

    // The generator writes the title and tag unquoted or between plain double quotes, without escaping: a name
    // holding a quote, a backslash, a YAML flow indicator or a line break would make a page no reader can read.
    private static void CheckTitle(string title, string path)
    {
        if (title.Length == 0 || Has(title, c => c == '"' || c == '\\' || char.IsControl(c)))
        {
            throw NameError($"The package name '{title}' cannot be written as a page title.", path);
        }
    }

    private static void CheckTag(string tag, string path)
    {
        if (tag.Length == 0 || Has(tag, c => char.IsWhiteSpace(c) || char.IsControl(c) || ",[]{}#&*!|>'\"%@`:\\".IndexOf(c) >= 0))
        {
            throw NameError($"The tag '{tag}' cannot be written in a page's categories.", path);
        }
    }

    private static bool Has(string text, Func<char, bool> predicate)
    {
        foreach (char c in text)
        {
            if (predicate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static CacheMetaException NameError(string reason, string path) =>
        new(ErrorIds.InvalidPageName, CacheErrorKind.InvalidArgument, reason, path.Length == 0 ? null : path);
}
