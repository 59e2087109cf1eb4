using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using CacheMeta.Commands;
using CacheMeta.Completion;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tags;

namespace CacheMeta.Commands.Completion;

/// <summary>
/// The values of the source a command line names, for completion. Reading a tree costs a moment, so each source
/// (and -Tag filter) is read once and kept with its runspace, which owns the current location the paths were
/// resolved against; the table holds runspaces weakly, so a closed runspace takes its values with it.
/// </summary>
internal static class CompletionSources
{
    private const int MaxSourcesPerRunspace = 16;

    private static readonly ConditionalWeakTable<Runspace, Dictionary<string, CompletionValues>> PerRunspace = new();

    /// <summary>The values of the named source; null when the command line names none (and $env:CACHEMETA_PATH is unset).</summary>
    public static CompletionValues? Read(CompletionField field, IDictionary bound)
    {
        bool catalog = bound.Contains("Catalog");
        var sources = Resolve(bound);
        if (sources is null)
        {
            return null;
        }

        if (sources.Count == 0)
        {
            return new CompletionValues(); // a named source that does not exist offers nothing, not guesses
        }

        // -Tag narrows the pages read for the other fields (tag folders are skipped), so it is part of the key.
        string[]? tags = field == CompletionField.Tag ? null : Strings(bound["Tag"]);
        string key = (catalog ? "catalog\n" : "path\n") + string.Join("\n", sources) + "\ntags:" + (tags is null ? "" : string.Join(",", tags));

        var cache = Runspace.DefaultRunspace is { } runspace ? PerRunspace.GetValue(runspace, _ => new Dictionary<string, CompletionValues>()) : null;
        if (cache is not null)
        {
            lock (cache)
            {
                if (cache.TryGetValue(key, out var known))
                {
                    return known;
                }
            }
        }

        var values = Collect(sources, catalog, tags);
        if (cache is not null)
        {
            lock (cache)
            {
                if (cache.Count >= MaxSourcesPerRunspace)
                {
                    cache.Clear();
                }

                cache[key] = values;
            }
        }

        return values;
    }

    private static CompletionValues Collect(IEnumerable<string> sources, bool catalog, string[]? tags)
    {
        var values = new CompletionValues();
        var query = new CompiledQuery(new SpecQuery { Tag = tags });
        foreach (string source in sources)
        {
            try
            {
                if (catalog || !(Directory.Exists(source) || Path.GetFileName(source) is PageFiles.PageFileName or PageFiles.LegacyPageFileName))
                {
                    var collector = new TagCollector(tags);
                    if (catalog)
                    {
                        collector.Add(CacheMeta.Sources.Catalog.Load(source, new CacheMeta.Http.IndexFetcher(new CacheMeta.Http.FetchOptions
                        {
                            CacheDirectory = CacheMeta.Http.LocalCache.DefaultDirectory(), Offline = true,
                        }), default));
                    }
                    else
                    {
                        TagListReader.ReadFile(source, collector);
                    }

                    foreach (var tag in collector.Tags())
                    {
                        values.Add(tag);
                    }

                    continue;
                }

                foreach (var result in new PageTreeSource(new[] { source }).ReadPackages(query, NullSourceObserver.Instance, default))
                {
                    if (result.Value is not null)
                    {
                        values.Add(result.Value);
                    }
                }
            }
            catch (CacheMetaException)
            {
                // A source that cannot be read offers what was read before it failed.
            }
        }

        return values;
    }

    // -LiteralPath, -Path (wildcards) or -Catalog as typed, else $env:CACHEMETA_PATH, resolved in the current runspace.
    private static List<string>? Resolve(IDictionary bound)
    {
        string[]? literal = Strings(bound["LiteralPath"]) ?? Strings(bound["Catalog"]);
        string[]? wildcard = literal is null ? Strings(bound["Path"]) : null;
        if (literal is null && wildcard is null)
        {
            string? fallback = Environment.GetEnvironmentVariable(CacheSourceCommandBase.PathVariable);
            if (string.IsNullOrEmpty(fallback))
            {
                return null;
            }

            literal = new[] { fallback! };
        }

        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand("Microsoft.PowerShell.Management\\Resolve-Path")
            .AddParameter(literal is not null ? "LiteralPath" : "Path", literal ?? wildcard)
            .AddParameter("ErrorAction", ActionPreference.Ignore);
        return ps.Invoke()
            .Select(o => o.BaseObject)
            .OfType<PathInfo>()
            .Where(p => p.Provider.Name == "FileSystem")
            .Select(p => p.ProviderPath)
            .ToList();
    }

    // A bound value as strings: completion sees constants only, as a string or an array of them.
    private static string[]? Strings(object? value)
    {
        var items = value switch
        {
            null => null,
            string s => new[] { s },
            IEnumerable list => list.Cast<object?>().Select(o => o is PSObject p ? p.BaseObject : o).OfType<string>().ToArray(),
            PSObject { BaseObject: string s } => new[] { s },
            _ => null,
        };
        return items is { Length: > 0 } ? items : null;
    }
}
