using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using CacheMeta.Commands.Selection;
using CacheMeta.Completion;
using CacheMeta.Http;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tags;

namespace CacheMeta.Commands.Completion;

/// <summary>
/// The values of the source a command line names, for completion: the source the command would read, found by the
/// same <see cref="SourceSelection"/> as the cmdlets. Pages and tag lists are read; catalogs give their tags and
/// stacks (a catalog URL only from the local cache: Tab never waits for the network); a mirror, or no source, gives
/// well-known values. Reading a tree costs a moment, so each source (and -Tag filter) is read once and kept with its
/// runspace, which owns the current location the paths were resolved against; the table holds runspaces weakly,
/// so a closed runspace takes its values with it.
/// </summary>
internal static class CompletionSources
{
    private const int MaxSourcesPerRunspace = 16;

    private static readonly ConditionalWeakTable<Runspace, Dictionary<string, CompletionValues>> PerRunspace = new();

    /// <summary>The values of the named source; null when the command line names none that completion reads.</summary>
    public static CompletionValues? Read(CompletionField field, IDictionary bound)
    {
        var selection = SourceSelection.Select(SourceParameters.FromBound(bound), CompletionPaths.Instance, DefaultSource.None);
        if (selection is null || selection.Kind == SourceKind.Mirror)
        {
            return null;
        }

        if (selection.Addresses.Count == 0)
        {
            return new CompletionValues(); // a named source that does not exist offers nothing, not guesses
        }

        // -Tag narrows the pages read for the other fields (tag folders are skipped), so it is part of the key.
        string[]? tags = field == CompletionField.Tag ? null : SourceParameters.Strings(bound["Tag"]);
        string key = selection.Kind + "\n" + string.Join("\n", selection.Addresses) + "\ntags:" + (tags is null ? "" : string.Join(",", tags));

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

        var values = Collect(selection, tags);
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

    private static CompletionValues Collect(SourceSelection selection, string[]? tags)
    {
        var values = new CompletionValues();
        var query = new CompiledQuery(new SpecQuery { Tag = tags });
        foreach (string address in selection.Addresses)
        {
            try
            {
                if (selection.Kind == SourceKind.Catalog || TagListReader.IsTagList(address))
                {
                    var collector = new TagCollector(tags);
                    if (selection.Kind == SourceKind.Catalog)
                    {
                        var offline = new FetchOptions { CacheDirectory = LocalCache.DefaultDirectory(), Offline = true };
                        collector.Add(Catalog.Load(address, new IndexFetcher(offline), default));
                    }
                    else
                    {
                        TagListReader.ReadFile(address, collector);
                    }

                    foreach (var tag in collector.Tags())
                    {
                        values.Add(tag);
                    }

                    continue;
                }

                foreach (var result in new PageTreeSource(new[] { address }).ReadPackages(query, NullSourceObserver.Instance, default))
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
}
