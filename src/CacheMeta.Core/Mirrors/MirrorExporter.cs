using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Graph;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Sources;

namespace CacheMeta.Mirrors;

/// <summary>
/// Writes a build cache at a destination folder from specs of one source index at a time, in the source's layout
/// (Export-CacheMirror). <see cref="Prepare"/> reads the source's index and the destination's (when it is a mirror
/// already), plans (<see cref="ExportPlanner"/>) and reads each planned binary's entry at the source; <see cref="Run"/>
/// copies the binaries with <see cref="BinarySaver"/> under the source's own relative paths (so v3 manifests and v2
/// spec files are kept byte for byte and their signatures stay valid), then the public keys that signed them, the key
/// index over every key the destination holds, and the index last: a reader sees the old mirror or the new one.
/// A binary that cannot be copied (not found, checksum mismatch, signature rejected) is a failure value and its record
/// goes into the index <c>in_buildcache: false</c>; a write that fails (read-only folder, full disk) ends the export
/// with FileWriteFailed, nothing half-written (<see cref="IO.AtomicFile"/>), and running it again completes it: files
/// there verified are not fetched again.
/// </summary>
internal sealed class MirrorExporter
{
    private readonly FetchOptions _fetchOptions;
    private readonly string _destination;
    private readonly ExportOptions _options;
    private readonly QueuedObserver _reports = new(); // what the pool's threads report, passed on at each step
    private readonly BinaryResolver _resolver;
    private readonly BinarySaver _saver;

    public MirrorExporter(FetchOptions fetchOptions, string destination, ExportOptions options)
    {
        _fetchOptions = fetchOptions;
        _destination = Path.GetFullPath(destination);
        _options = options;
        _resolver = new BinaryResolver(new MirrorFiles(new IndexFetcher(fetchOptions, _reports)));
        var auditor = options.CheckSignatures ? new SignatureAuditor(_resolver, new Binaries.Signing.KeySet(), false, _reports) : null;
        _saver = new BinarySaver(_resolver, auditor, _destination, options.Refetch);
    }

    /// <summary>The full path of the destination folder.</summary>
    public string Destination => _destination;

    /// <summary>Specs grouped by the index they were read from, groups in the order their first spec came.</summary>
    public static IReadOnlyList<IReadOnlyList<CacheSpec>> BySource(IEnumerable<CacheSpec> specs) =>
        specs.GroupBy(spec => spec.Source ?? string.Empty, StringComparer.Ordinal).Select(g => (IReadOnlyList<CacheSpec>)g.ToList()).ToList();

    /// <summary>
    /// Plans exporting <paramref name="specs"/> (all of one source index, each located with <see cref="BinaryLocator"/>)
    /// and reads their entries at the source. Writes nothing.
    /// </summary>
    /// <exception cref="CacheMetaException">
    /// MirrorMismatch when the destination is a mirror of the other layout or its index another database version; the
    /// source index's own errors (IndexNotFound, DownloadFailed, InvalidIndex, ...).
    /// </exception>
    public ExportJob Prepare(IReadOnlyList<CacheSpec> specs, ISourceObserver observer, CancellationToken cancellationToken)
    {
        var first = specs.FirstOrDefault() ?? throw new ArgumentException("No specs to export.", nameof(specs));
        var located = BinaryLocator.Locate(first);
        var mirror = located.Value?.Mirror ?? throw located.Error!;
        int? layout = MirrorLayout.Detect(_destination);
        if (layout is int existing && existing != mirror.Layout)
        {
            throw Mismatch($"The destination is a layout {existing} mirror and {first.Source} a layout {mirror.Layout} index; one mirror cannot hold both. Choose another destination.");
        }

        var sourceIndex = new IndexFetcher(_fetchOptions, observer).Fetch(IndexLocation.Parse(first.Source!), cancellationToken);
        LocalIndex? destinationIndex = null;
        try
        {
            var graph = IndexGraphReader.Read(sourceIndex, new GraphReadOptions { Observer = observer, WarnSkipped = false }, cancellationToken);
            IndexGraph? destinationGraph = null;
            if (HasIndex(mirror.Layout))
            {
                destinationIndex = LocalMirrors.Open(IndexLocation.Parse(_destination));
                CheckVersions(sourceIndex, destinationIndex);
                destinationGraph = IndexGraphReader.Read(destinationIndex, new GraphReadOptions { KeepValues = false, WarnSkipped = false }, cancellationToken);
            }

            var plan = ExportPlanner.Plan(graph, specs.Select(s => s.Hash!), _options.IncludeDependencies, destinationGraph);
            var (saves, unreadable) = ReadEntries(plan, observer, cancellationToken);
            return new ExportJob(first.Source!, mirror, plan, saves, unreadable, sourceIndex, destinationIndex);
        }
        catch
        {
            sourceIndex.Dispose();
            destinationIndex?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies the job's binaries and keys and publishes the index. <paramref name="progress"/> is told the bytes
    /// written so far, on the caller's thread, as binaries finish.
    /// </summary>
    /// <exception cref="CacheMetaException">FileWriteFailed (the export stops; run it again once the folder takes files).</exception>
    public ExportOutcome Run(ExportJob job, ISourceObserver observer, Action<long>? progress, CancellationToken cancellationToken)
    {
        var failures = new List<ExportFailure>(job.Unreadable);
        var signers = new SortedSet<string>(StringComparer.Ordinal);
        int binaries = 0;
        long written = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken); // a failed write stops the rest
        using (var work = new OrderedWork<(PlannedSpec Spec, SavePlan Files), SavedBinary>(_options.ThrottleLimit,
            (item, _, token) => _saver.Save(item.Files, bytes => Interlocked.Add(ref written, bytes), token), stop.Token))
        {
            foreach (var save in job.Saves)
            {
                work.Add(save);
            }

            while (work.Pending > 0)
            {
                foreach (var (item, saved, error) in work.Take(observer, wait: true, keepPending: work.Pending - 1))
                {
                    _reports.Drain(observer);
                    if (error is CacheMetaException failure && failure.ErrorId != ErrorIds.FileWriteFailed)
                    {
                        failures.Add(new ExportFailure(item.Spec, failure));
                    }
                    else if (error is not null)
                    {
                        stop.Cancel();
                        throw error is CacheMetaException ? error : new InvalidOperationException("Exporting a binary failed.", error);
                    }
                    else
                    {
                        binaries++;
                        if (saved!.SignedBy is { } fingerprint)
                        {
                            signers.Add(fingerprint);
                        }
                    }

                    progress?.Invoke(Interlocked.Read(ref written));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var keys = MirrorKeyCopier.Copy(_resolver.Files, job.Mirror, _destination, _options.CheckSignatures ? signers : null, _reports, cancellationToken);
        _reports.Drain(observer);
        var held = MirrorKeyCopier.Held(_destination, job.Layout);
        if (held.Count > 0)
        {
            MirrorIndexPublisher.PublishKeyIndex(_destination, job.Layout, held);
        }

        var plan = job.Plan.WithoutBinaries(failures.Select(f => f.Spec.Hash));
        var records = ExportIndex.Gather(plan, job.SourceIndex, job.DestinationIndex, cancellationToken);
        var index = MirrorIndexPublisher.Publish(_destination, job.Layout, records.Version, ExportIndex.Build(records));
        return new ExportOutcome(job, binaries, Interlocked.Read(ref written), failures, keys, index);
    }

    // Each planned binary's entry at the source, read in parallel; those that cannot be read are failures.
    private (List<(PlannedSpec, SavePlan)> Saves, List<ExportFailure> Unreadable) ReadEntries(ExportPlan plan, ISourceObserver observer,
        CancellationToken cancellationToken)
    {
        var saves = new List<(PlannedSpec, SavePlan)>();
        var unreadable = new List<ExportFailure>();
        using var work = new OrderedWork<PlannedSpec, SavePlan>(_options.ThrottleLimit, (spec, _, token) => Read(spec, token), cancellationToken);
        foreach (var spec in plan.Specs)
        {
            work.Add(spec);
        }

        foreach (var (spec, files, error) in work.Take(observer, wait: true))
        {
            _reports.Drain(observer);
            if (error is CacheMetaException failure)
            {
                unreadable.Add(new ExportFailure(spec, failure));
            }
            else if (error is not null)
            {
                throw error;
            }
            else
            {
                saves.Add((spec, files!));
            }
        }

        return (saves, unreadable);
    }

    private SavePlan Read(PlannedSpec spec, CancellationToken cancellationToken)
    {
        var values = spec.Node.Values ?? throw new CacheMetaException(ErrorIds.BinaryLocationUnknown, CacheErrorKind.InvalidData,
            $"The index record of {spec} lacks the fields its entry is named by.", spec.Hash);
        var located = BinaryLocator.Locate(values);
        var entry = located.Value ?? throw located.Error!;
        return _saver.Plan(_resolver.Resolve(entry, cancellationToken));
    }

    private bool HasIndex(int layout) =>
        File.Exists(MirrorLayout.Under(_destination, layout == MirrorLayout.V3 ? MirrorLayout.IndexManifestPath : MirrorLayout.V2IndexPath));

    // Checked before anything is copied: ExportIndex would refuse the mix only once the binaries were there.
    private void CheckVersions(LocalIndex source, LocalIndex destination)
    {
        int sourceVersion = VersionOf(source), destinationVersion = VersionOf(destination);
        if (sourceVersion != destinationVersion)
        {
            throw Mismatch($"The destination's index has database version {destinationVersion} and {source.Origin} version {sourceVersion}; one index cannot hold records of both. Choose another destination.");
        }
    }

    private static int VersionOf(LocalIndex index)
    {
        using var reader = new IndexDocumentReader(() => index.Open(out _), index.Origin);
        reader.Open();
        return reader.Version;
    }

    private CacheMetaException Mismatch(string message) => new(ErrorIds.MirrorMismatch, CacheErrorKind.InvalidArgument, message, _destination);
}
