using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Sources;
using CacheMeta.Text;

namespace CacheMeta.Audit;

/// <summary>
/// Checks a cache page against itself and its place in the site (rules in <see cref="PageRules"/>): the
/// <c>meta</c> summary against the entries it summarises, the hashes, the entries' order, and the title and tag
/// against the <c>&lt;tag&gt;/&lt;package&gt;/specs.md</c> folders. What a page's generation does not carry is
/// not checked: counts only when the page has them, meta lists of G1-G3 pages only where the page has them.
/// Hashes are checked against Spack's own rule, <c>^[a-z0-9]{32}$</c> (an Error when broken); a hash with a
/// character outside the base32 alphabet Spack writes (<c>a-z</c>, <c>2-7</c>) is only a Warning, since Spack
/// itself would accept it.
/// </summary>
internal static class PageAuditor
{
    private static readonly char[] NonBase32Digits = { '0', '1', '8', '9' };

    /// <summary>
    /// Audits a page read without a spec filter (every entry in <see cref="CachePage.Specs"/>); an empty list when
    /// nothing is wrong. Findings come in this order: counts, meta lists, hashes (with their order), location.
    /// </summary>
    public static IReadOnlyList<CachePageFinding> Audit(CachePage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        if (page.Specs.Count != page.EntryCount)
        {
            throw new ArgumentException("The page was read with a spec filter or without its specs; audit needs every entry.", nameof(page));
        }

        var findings = new Findings(page);
        CheckCounts(page, findings);
        CheckMetaLists(page, findings);
        CheckHashes(page, findings);
        CheckLocation(page, findings);
        return findings.List;
    }

    private static void CheckCounts(CachePage page, Findings findings)
    {
        if (page.MetaNumSpecs is int numSpecs && numSpecs != page.EntryCount)
        {
            findings.Error(PageRules.NumSpecs, $"meta.num_specs is {numSpecs} but the page has {Plural.Count(page.EntryCount, "entry", "entries")}.",
                Text(page.EntryCount), Text(numSpecs));
        }

        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in page.Specs)
        {
            foreach (string stack in spec.Stacks.Distinct(StringComparer.Ordinal))
            {
                counted[stack] = counted.TryGetValue(stack, out int n) ? n + 1 : 1;
            }
        }

        var stated = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in page.Package.NumSpecsByStack)
        {
            stated[entry.Key] = entry.Value;
        }

        if (page.SpecLayout != PageSpecLayout.SpecDetails && stated.Count == 0)
        {
            return; // G1-G3: neither the entries nor meta know stacks
        }

        foreach (string stack in counted.Keys.Union(stated.Keys).OrderBy(s => s, CodePointComparer.Instance))
        {
            bool hasCount = stated.TryGetValue(stack, out int statedCount);
            counted.TryGetValue(stack, out int entries);
            if (!hasCount || statedCount != entries)
            {
                findings.Error(PageRules.NumSpecsByStack,
                    $"meta.num_specs_by_stack gives {(hasCount ? Text(statedCount) : "no count")} for '{stack}' but {Plural.Count(entries, "entry is", "entries are")} in it.",
                    Text(entries), hasCount ? Text(statedCount) : null);
            }
        }
    }

    private static void CheckMetaLists(CachePage page, Findings findings)
    {
        var meta = page.Package;
        var specs = page.Specs;
        CheckList(page, findings, PageRules.MetaVersions, "versions", meta.Versions, specs.Select(s => s.Versions.Count > 0 ? s.Versions[0] : null));
        CheckList(page, findings, PageRules.MetaCompilers, "compilers", meta.Compilers, specs.Select(s => s.Compiler));
        CheckList(page, findings, PageRules.MetaOss, "oss", meta.OperatingSystems, specs.Select(s => s.OS));
        CheckList(page, findings, PageRules.MetaPlatforms, "platforms", meta.Platforms, specs.Select(s => s.Platform));
        CheckList(page, findings, PageRules.MetaTargets, "targets", meta.Targets, specs.Select(s => s.Target));
        CheckList(page, findings, PageRules.MetaStacks, "stacks", meta.Stacks, specs.SelectMany(s => s.Stacks));
    }

    private static void CheckList(CachePage page, Findings findings, string rule, string key, IReadOnlyList<string> stated,
        IEnumerable<string?> values)
    {
        if (page.SpecLayout != PageSpecLayout.SpecDetails && stated.Count == 0)
        {
            return; // G1-G3 meta carries versions and compilers only; an absent list is not a wrong one
        }

        var expected = new SortedSet<string>(values.Where(v => v is not null).Select(v => v!), CodePointComparer.Instance);
        var listed = new HashSet<string>(stated, StringComparer.Ordinal);
        var missing = expected.Where(v => !listed.Contains(v)).ToList();
        var extra = stated.Where(v => !expected.Contains(v)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return;
        }

        string message = $"meta.{key} is not the set of the entries' values:"
            + (missing.Count > 0 ? " it lacks " + string.Join(", ", missing) + (extra.Count > 0 ? ";" : ".") : string.Empty)
            + (extra.Count > 0 ? " it lists " + string.Join(", ", extra) + ", which no entry has." : string.Empty);
        findings.Error(rule, message, string.Join(", ", expected), string.Join(", ", stated));
    }

    private static void CheckHashes(CachePage page, Findings findings)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previous = null;
        bool orderReported = false;
        for (int i = 0; i < page.Specs.Count; i++)
        {
            string? hash = page.Specs[i].Hash;
            if (hash is null)
            {
                continue; // G1-G3 entries carry no hash
            }

            seen[hash] = seen.TryGetValue(hash, out int n) ? n + 1 : 1;
            if (!IsSpackHash(hash))
            {
                findings.Error(PageRules.MalformedHash,
                    $"The hash '{hash}' of entry {i + 1} is not 32 lower-case letters and digits (Spack's ^[a-z0-9]{{32}}$).", "^[a-z0-9]{32}$", hash);
            }
            else if (hash.IndexOfAny(NonBase32Digits) >= 0)
            {
                findings.Warning(PageRules.NonBase32Hash,
                    $"The hash '{hash}' of entry {i + 1} has a character outside the base32 alphabet Spack writes (a-z, 2-7).", "^[a-z2-7]{32}$", hash);
            }

            if (!orderReported && previous is not null && CodePointComparer.Instance.Compare(previous, hash) > 0)
            {
                orderReported = true; // one finding per page: the first place the order breaks
                findings.Warning(PageRules.EntryOrder,
                    $"Entry {i + 1} ({hash}) comes after {previous}; the current generator orders entries by hash.",
                    "entries in hash order", previous + " before " + hash);
            }

            previous = hash;
        }

        foreach (var duplicate in seen.Where(kv => kv.Value > 1).OrderBy(kv => kv.Key, CodePointComparer.Instance))
        {
            findings.Error(PageRules.DuplicateHash, $"The hash {duplicate.Key} is on {duplicate.Value} entries.", "1", Text(duplicate.Value));
        }
    }

    // The layout is _cache/<tag>/<package>/specs.md (or the oldest _cache/<package>/index.md): the folder names
    // are what the site serves the page as, so they must agree with what the page says about itself.
    private static void CheckLocation(CachePage page, Findings findings)
    {
        string file = System.IO.Path.GetFileName(page.Path);
        if (file != PageFiles.PageFileName && file != PageFiles.LegacyPageFileName)
        {
            return;
        }

        string? packageFolder = System.IO.Path.GetDirectoryName(page.Path);
        string? packageName = packageFolder is null ? null : System.IO.Path.GetFileName(packageFolder);
        if (!string.IsNullOrEmpty(packageName) && packageName != page.Title)
        {
            findings.Error(PageRules.TitleFolder, $"The title is '{page.Title}' but the folder is '{packageName}'.", packageName, page.Title);
        }

        string? tagFolder = packageFolder is null ? null : System.IO.Path.GetDirectoryName(packageFolder);
        string? tagName = tagFolder is null ? null : System.IO.Path.GetFileName(tagFolder);
        if (page.CategoryTag is not null && file == PageFiles.PageFileName && !string.IsNullOrEmpty(tagName) && tagName != page.CategoryTag)
        {
            findings.Error(PageRules.TagFolder, $"The categories name the tag '{page.CategoryTag}' but the tag folder is '{tagName}'.",
                tagName, page.CategoryTag);
        }
    }

    private static bool IsSpackHash(string hash)
    {
        if (hash.Length != 32)
        {
            return false;
        }

        foreach (char c in hash)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Findings
    {
        private readonly CachePage _page;

        public Findings(CachePage page) => _page = page;

        public List<CachePageFinding> List { get; } = new();

        public void Error(string rule, string message, string? expected, string? actual) =>
            List.Add(new CachePageFinding(_page.Path, _page.Tag, _page.Title, rule, FindingSeverity.Error, message, expected, actual));

        public void Warning(string rule, string message, string? expected, string? actual) =>
            List.Add(new CachePageFinding(_page.Path, _page.Tag, _page.Title, rule, FindingSeverity.Warning, message, expected, actual));
    }
}
