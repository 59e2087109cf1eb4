using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace CacheMeta.Tests.Support;

/// <summary>Where the repository and the shared corpus are. The corpus is optional: a fresh clone has none.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared corpus of real pages (CACHEMETA_CORPUS or ../shared/corpus); null when absent.</summary>
    public static string? Corpus { get; } = FindCorpus();

    public static string CorpusFile(params string[] parts) => Path.Combine(new[] { Corpus! }.Concat(parts).ToArray());

    /// <summary>Every page file in the corpus (specs.md and the G1 index.md).</summary>
    public static IEnumerable<string> CorpusPages() =>
        Corpus is null
            ? Enumerable.Empty<string>()
            : Directory.EnumerateFiles(Corpus, "*.md", SearchOption.AllDirectories)
                .Where(p => Path.GetFileName(p) is "specs.md" or "index.md")
                .OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>Pages in the generator's current form (G6, G7): all of real/ except v0.22.5, plus the seed.</summary>
    public static IEnumerable<string> CurrentFormatPages() =>
        CorpusPages().Where(p => (p.Contains(Path.DirectorySeparatorChar + "real" + Path.DirectorySeparatorChar) && !p.Contains("v0.22.5"))
            || p.Contains(Path.DirectorySeparatorChar + "seed" + Path.DirectorySeparatorChar));

    public static TheoryData<string> CorpusPageData()
    {
        var data = new TheoryData<string>();
        foreach (string page in CorpusPages())
        {
            data.Add(Path.GetRelativePath(Corpus!, page));
        }

        return data;
    }

    public static TheoryData<string> CurrentFormatPageData()
    {
        var data = new TheoryData<string>();
        foreach (string page in CurrentFormatPages())
        {
            data.Add(Path.GetRelativePath(Corpus!, page));
        }

        return data;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CacheMeta.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CacheMeta.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? FindCorpus()
    {
        string? configured = Environment.GetEnvironmentVariable("CACHEMETA_CORPUS");
        string candidate = configured ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}

/// <summary>A fact that needs the shared corpus; skipped (not failed) when it is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (TestPaths.Corpus is null)
        {
            Skip = "The shared corpus (../shared/corpus or CACHEMETA_CORPUS) is not present.";
        }
    }
}

/// <summary>A theory over corpus files; skipped when the corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (TestPaths.Corpus is null)
        {
            Skip = "The shared corpus (../shared/corpus or CACHEMETA_CORPUS) is not present.";
        }
    }
}
