using System;
using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Binaries;
using CacheMeta.Commands.Internal;
using CacheMeta.Http;

namespace CacheMeta.Commands;

/// <summary>
/// What the binary cmdlets share: specs and dependencies from the pipeline (each located in the mirror its index came
/// from, each binary once per run), work run in parallel with a bound (-ThrottleLimit) whose results are written in
/// input order, on the pipeline thread, as they come; progress by count; Ctrl+C stops the waits and the downloads.
/// </summary>
/// <remarks>Not generic over the result type: a base class's type arguments load with the cmdlet class, when PowerShell
/// scans the assembly, before the module initializer has made the engine loadable.</remarks>
public abstract class BinaryCommandBase : CacheCommandBase
{
    /// <summary>Parameter set names of the pipeline inputs.</summary>
    protected const string SpecSet = "Spec", DependencySet = "Dependency";

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private OrderedWork<(BinaryEntry Entry, object Item), object>? _work;
    private SourceObserver? _observer;
    private ProgressReporter? _progress;
    private IndexFetcher? _fetcher;

    /// <summary>Specs read from a build-cache index (Get-CacheSpec -Mirror or -Catalog), or from a v2 page that carries a tarball URL.</summary>
    [Parameter(ParameterSetName = SpecSet, Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <summary>Dependencies from Get-CacheDependency; those in the build cache are located through their spec record.</summary>
    [Parameter(ParameterSetName = DependencySet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheDependency[]? Dependency { get; set; }

    /// <summary>How many entries are read at once (default 8). Results are written in input order whatever finishes first.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Reads only what the local cache folder holds ($env:CACHEMETA_CACHE_DIR), with no network access.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <summary>The progress activity.</summary>
    protected abstract string ProgressActivity { get; }

    /// <summary>The work for one entry, on a pool thread; it reports to <paramref name="observer"/> only.</summary>
    private protected abstract object Run(BinaryEntry entry, BinaryResolver resolver, Sources.ISourceObserver observer);

    /// <summary>Writes one result (in input order).</summary>
    private protected virtual void Emit(object item, object result) => WriteObject(result);

    /// <summary>The fetcher all work shares (its observer queues reports for the pipeline thread).</summary>
    private protected IndexFetcher Fetcher => _fetcher!;

    /// <summary>The thread-safe observer work reports to; its reports reach the cmdlet's streams as results are written.</summary>
    private protected Sources.ISourceObserver WorkObserver => _work!.Observer;

    /// <summary>
    /// Writes what <see cref="WorkObserver"/> and <see cref="Fetcher"/> reported since the last results were taken: a
    /// cmdlet that uses them after its input is done (Save-CacheBinary in EndProcessing) calls it as it goes.
    /// </summary>
    private protected void PassWorkReports() => _work!.PassReports(_observer!);

    /// <summary>Reports of the work, passed to the cmdlet's streams.</summary>
    private protected SourceObserver Observer => _observer!;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _observer = new SourceObserver(this, 2);
        _progress = new ProgressReporter(this, 1, ProgressActivity, "{1:N0} done");
        _work = new OrderedWork<(BinaryEntry Entry, object Item), object>(ThrottleLimit,
            (input, observer, token) => Run(input.Entry, new BinaryResolver(new MirrorFiles(_fetcher!)), observer), CancellationToken);
        _fetcher = new IndexFetcher(new FetchOptions { Offline = Offline.IsPresent }, _work.Observer);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (object item in (object[]?)InputObject ?? (object[]?)Dependency ?? MoreInput())
        {
            if (item is not null && Locate(item) is { } entry && _seen.Add(entry.Key))
            {
                _work!.Add((entry, item));
            }
        }

        Write(wait: true, keepPending: 4 * ThrottleLimit); // a bounded backlog: a long pipeline does not queue every item
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            Write(wait: true, keepPending: 0);
        }
        finally
        {
            _progress?.Complete();
            _observer?.Complete();
        }

        base.EndProcessing();
    }

    /// <summary>Further pipeline input of a derived cmdlet (CacheBinary objects).</summary>
    private protected virtual object[] MoreInput() => Array.Empty<object>();

    /// <summary>The entry of a piped object, or null after writing why it has none.</summary>
    private protected virtual BinaryEntry? Locate(object item)
    {
        CacheSpec? spec = item as CacheSpec;
        if (item is CacheDependency dependency)
        {
            spec = dependency.Spec;
            if (spec is null)
            {
                WriteError(ErrorRecords.Create(ErrorIds.BinaryLocationUnknown, ErrorCategory.ObjectNotFound,
                    $"'{dependency}' has no binary: its index records it as {dependency.Status}, not in the build cache.", dependency));
                return null;
            }
        }

        if (spec is null)
        {
            return null;
        }

        var located = BinaryLocator.Locate(spec);
        if (located.Error is not null)
        {
            WriteCacheError(located.Error, item);
        }

        return located.Value;
    }

    private void Write(bool wait, int keepPending)
    {
        foreach (var (input, result, error) in _work!.Take(_observer!, wait, keepPending))
        {
            _progress!.Advance(input.Entry, 1, e => e?.ToString() ?? string.Empty);
            if (error is CacheMetaException failure)
            {
                WriteCacheError(failure, input.Item);
            }
            else if (error is not null)
            {
                throw error; // a defect, not bad input: let PowerShell show it whole
            }
            else
            {
                Emit(input.Item, result!);
            }
        }
    }
}
