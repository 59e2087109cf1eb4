using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using CacheMeta.Commands.Selection;
using CacheMeta.Completion;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tags;

namespace CacheMeta.Commands.Completion;

/// <summary>
/// The values of the source a command line names, for completion: the source the command would read, found by the
/// same <see cref="SourceSelection"/> as the cmdlets, for every kind. Pages and tag lists are read; a catalog gives
/// its tags and stacks, and the rest from its indexes; a mirror its index. Tab never waits for the network: every
/// URL, the default catalog's too, is read from the local cache only (<see cref="SourceParameters.Offline"/>).
/// Reading costs time, so each source (and -Tag filter) is read once on a worker thread
/// (<see cref="CompletionFill"/>) and kept with its runspace, which owns the current location the paths were
/// resolved against; the table holds runspaces weakly, so a closed runspace takes its values with it. A Tab waits
/// at most <see cref="Bound"/> and then offers what was read; a source whose <see cref="SourceStamp"/> changed
/// (a new tag folder) is read again.
/// </summary>
internal static class CompletionSources
{
    private const int MaxSourcesPerRunspace = 16;

    private static readonly ConditionalWeakTable<Runspace, Dictionary<string, CompletionFill>> PerRunspace = new();

    /// <summary>How long a Tab waits for a source to be read before it offers what it has.</summary>
    public static TimeSpan Bound { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The values of the named source, or the well-known ones where the command line names none and the default
    /// catalog is not cached (they hold no names, versions or variants: those only a source can know).
    /// </summary>
    public static CompletionValues Read(CompletionField field, IDictionary bound)
    {
        var parameters = SourceParameters.FromBound(bound);
        parameters.Offline = true;
        var selection = SourceSelection.Select(parameters, CompletionPaths.Instance, DefaultSource.Catalog);
        if (selection is null || selection.Addresses.Count == 0)
        {
            return new CompletionValues(); // a named source that does not exist offers nothing, not guesses
        }

        // -Tag narrows what is read for the other fields (tag folders are skipped, catalog tags chosen), so it is
        // part of the key; variants need whole specs, the other fields only summaries.
        string[]? tags = field == CompletionField.Tag ? null : SourceParameters.Strings(bound["Tag"]);
        bool specs = field == CompletionField.Variant;
        string key = selection.Kind + "\n" + string.Join("\n", selection.Addresses) + "\ntags:" + (tags is null ? "" : string.Join(",", tags))
            + (specs ? "\nspecs" : "");
        var values = Fill(key, SourceStamp.Of(selection.Addresses), (into, token) => Collect(selection, tags, specs, into, token)).Wait(Bound);
        bool isDefaultCatalog = selection.IsDefault && selection.Kind == SourceKind.Catalog;
        // The default catalog not cached (no tags read from it): what the public cache is known to hold.
        return isDefaultCatalog && values.IsEmpty(CompletionField.Tag) ? CompletionValues.WellKnown : values;
    }

    // The fill of this source in the current runspace: the one kept, while its source has not changed.
    private static CompletionFill Fill(string key, string stamp, Action<CompletionValues, CancellationToken> read)
    {
        var cache = Runspace.DefaultRunspace is { } runspace ? PerRunspace.GetValue(runspace, _ => new Dictionary<string, CompletionFill>()) : null;
        if (cache is null)
        {
            return new CompletionFill(stamp, read);
        }

        lock (cache)
        {
            if (cache.TryGetValue(key, out var known))
            {
                if (known.Stamp == stamp)
                {
                    return known;
                }

                known.Dispose();
            }
            else if (cache.Count >= MaxSourcesPerRunspace)
            {
                foreach (var old in cache.Values)
                {
                    old.Dispose();
                }

                cache.Clear();
            }

            var fill = new CompletionFill(stamp, read);
            cache[key] = fill;
            return fill;
        }
    }

    private static void Collect(SourceSelection selection, string[]? tags, bool specs, CompletionValues values, CancellationToken token)
    {
        var query = new CompiledQuery(new SpecQuery { Tag = tags });
        if (selection.Kind != SourceKind.Pages)
        {
            foreach (string address in selection.Kind == SourceKind.Catalog ? selection.Addresses : Array.Empty<string>())
            {
                Try(() => AddTags(selection, address, tags, values));
            }

            Try(() => AddValues(selection.Open(), query, specs, values, token));
            return;
        }

        foreach (string address in selection.Addresses)
        {
            Try(() =>
            {
                if (TagListReader.IsTagList(address))
                {
                    AddTags(selection, address, tags, values);
                }
                else
                {
                    AddValues(new PageTreeSource(new[] { address }), query, specs, values, token);
                }
            });
        }
    }

    private static void AddValues(ISpecSource source, CompiledQuery query, bool specs, CompletionValues values, CancellationToken token)
    {
        if (specs)
        {
            foreach (var result in source.ReadSpecs(query, NullSourceObserver.Instance, token))
            {
                if (result.Value is not null)
                {
                    values.Add(result.Value);
                }
            }

            return;
        }

        foreach (var result in source.ReadPackages(query, NullSourceObserver.Instance, token))
        {
            if (result.Value is not null)
            {
                values.Add(result.Value);
            }
        }
    }

    // A source that cannot be read (a catalog not cached, a broken tag list) offers what was read before it failed.
    private static void Try(Action read)
    {
        try
        {
            read();
        }
        catch (CacheMetaException)
        {
        }
    }

    private static void AddTags(SourceSelection selection, string address, string[]? tags, CompletionValues values)
    {
        var collector = new TagCollector(tags);
        if (selection.Kind == SourceKind.Catalog)
        {
            var loaded = new CatalogSource(address, selection.FetchOptions).Load(NullSourceObserver.Instance, default);
            if (loaded.Error is not null)
            {
                throw loaded.Error;
            }

            collector.Add(loaded.Value!);
        }
        else
        {
            TagListReader.ReadFile(address, collector);
        }

        foreach (var tag in collector.Tags())
        {
            values.Add(tag);
        }
    }
}
