using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Binaries;
using CacheMeta.Commands.Internal;
using CacheMeta.Commands.Selection;
using CacheMeta.Http;
using CacheMeta.Mirrors;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Writes a build cache of the piped specs and their dependencies into a folder, for a machine without network access.</summary>
/// <remarks>
/// Takes specs read from a build-cache index (Get-CacheSpec -Mirror or -Catalog, or Get-CacheDependency's) and writes
/// a build cache at -Destination in their source's layout, which Spack installs from as from any mirror. v3 (Spack
/// 1.0+): v3/layout.json, each spec manifest byte for byte (its signature stays valid), the blobs it names (spec
/// metadata and tarball), the source's public keys that signed them (key manifests and blobs, and the key index) and a
/// new index (the source's database version) with its manifest. v2: build_cache/ with the spec files, the tarballs,
/// _pgp/ and index.json with index.json.hash.
/// <para>Every piped spec brings the link and run dependencies it needs to be installed (its link/run closure);
/// -ExcludeDependencies exports exactly what was piped. A dependency the source's cache cannot supply (an external, a
/// record without a binary) is a warning naming who needs it, and is recorded in the index as Spack records it
/// (in_buildcache false); so are the records reached only through build dependencies.</para>
/// <para>Every blob is checked against its checksum while it is written, and each entry's signature against the source
/// mirror's keys before it is kept (-SkipSignatureCheck keeps unsigned entries too); every file is written through a
/// temporary file moved into place, so a stop leaves no partial file, and the index is written last. A binary that
/// fails its check (BinaryChecksumMismatch, SignatureRejected) or is not at the source (BinaryNotFound) is an error, its
/// record goes into the index without a binary and the rest goes on; a folder that takes no files (read-only, full)
/// stops the export with FileWriteFailed. Running the command again completes an interrupted export without fetching
/// the files already there verified (-Force fetches them again), and exporting into a mirror written before adds to
/// it: its index then covers everything. Specs of several source indexes are exported one index after the other into
/// the same destination; one whose layout or database version differs from the destination's is a MirrorMismatch
/// error, and the others go on.</para>
/// <para>-WhatIf prints the plan of each source: specs (selected and dependencies), binaries, bytes, and what is there
/// already. Progress shows the bytes written and the rate. -PassThru writes one CacheMeta.CacheMirrorExport.</para>
/// <para>On the machine without network access, with the folder copied to /srv/mirror, install from it with Spack:
/// spack mirror add --signed local file:///srv/mirror (--unsigned for an export made with -SkipSignatureCheck), then
/// spack buildcache keys --install --trust, then spack install --cache-only hdf5.</para>
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed -Spec 'hdf5 target=x86_64_v3' | Export-CacheMirror -Destination (Join-Path ([IO.Path]::GetTempPath()) 'cachemeta-mirror') -WhatIf</code>
/// <para>Shows what exporting hdf5 and the dependencies it links to would write (3 specs: hdf5, zlib-ng, gcc-runtime), without writing anything.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed -Spec 'hdf5 target=x86_64_v3' | Export-CacheMirror -Destination (Join-Path ([IO.Path]::GetTempPath()) 'cachemeta-mirror') -PassThru</code>
/// <para>Writes a signed v3 build cache of hdf5 and its link and run dependencies under the temporary folder, and
/// says how many specs, binaries and bytes it wrote. Copy the folder to the machine without network access, then:
/// spack mirror add --signed local file:///path/to/cachemeta-mirror; spack buildcache keys --install --trust;
/// spack install --cache-only hdf5.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed-v2 -Name zlib-ng | Export-CacheMirror -Destination (Join-Path ([IO.Path]::GetTempPath()) 'cachemeta-v2') -ExcludeDependencies -PassThru</code>
/// <para>Exports exactly zlib-ng from a v2 mirror into a v2 build cache (build_cache/ with index.json and _pgp/); its
/// gcc-runtime is recorded in the index without a binary.</para>
/// </example>
[Cmdlet(VerbsData.Export, "CacheMirror", DefaultParameterSetName = SpecSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    HelpUri = HelpLinks.Reference + "export-cachemirror")]
[OutputType(typeof(CacheMirrorExport))]
public sealed class ExportCacheMirrorCommand : BinaryCommandBase
{
    private readonly List<CacheSpec> _specs = new();

    /// <summary>The folder to write the build cache into (made when needed); a mirror CacheMeta wrote before is added to.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Exports exactly the piped specs, without the link and run dependencies they need (those are recorded in the index without a binary).</summary>
    [Parameter]
    public SwitchParameter ExcludeDependencies { get; set; }

    /// <summary>Keeps entries whatever their signature says (unsigned mirrors); the destination then gets every key the source publishes.</summary>
    [Parameter]
    public SwitchParameter SkipSignatureCheck { get; set; }

    /// <summary>Fetches and verifies every file again, also those the destination holds already with the right checksum.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes one CacheMeta.CacheMirrorExport: specs, binaries and bytes written, the destination and its index.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Locating binary entries";

    private protected override BinaryEntry? Locate(object item)
    {
        var spec = item as CacheSpec ?? (item as CacheDependency)?.Spec;
        if (spec is not null && spec.Origin is not IIndexSource && spec.Tarball is not null)
        {
            // A v2 page's spec names its tarball but not the index that an export's closure and records come from.
            WriteError(ErrorRecords.Create(ErrorIds.DependenciesNotRecorded, ErrorCategory.InvalidArgument,
                $"'{spec}' was read from a cache page ({spec.Source}), which records no dependencies: read it from its index (Get-CacheSpec -Mirror or -Catalog).", spec));
            return null;
        }

        return base.Locate(item);
    }

    private protected override object Run(BinaryEntry entry, BinaryResolver resolver, ISourceObserver observer) => entry;

    private protected override void Emit(object item, object result) => _specs.Add(item as CacheSpec ?? ((CacheDependency)item).Spec!);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_specs.Count == 0)
        {
            return;
        }

        string? destination = CmdletPaths.ResolveDestination(this, Destination!, out var error);
        if (destination is null)
        {
            ThrowTerminatingError(error!);
            return;
        }

        var options = new ExportOptions
        {
            IncludeDependencies = !ExcludeDependencies, CheckSignatures = !SkipSignatureCheck, Refetch = Force, ThrottleLimit = ThrottleLimit,
        };
        var exporter = new MirrorExporter(new FetchOptions { Offline = Offline.IsPresent }, destination, options);
        var observer = new CountingObserver(Observer);
        var total = new CacheMirrorExportTotals();
        var progress = new ByteProgress(this, ActivityIds.ExportingMirror, "Exporting binaries");
        try
        {
            foreach (var group in MirrorExporter.BySource(_specs))
            {
                Export(exporter, group, observer, total, progress);
            }
        }
        finally
        {
            progress.Complete();
        }

        if (PassThru && total.Index is not null)
        {
            WriteObject(new CacheMirrorExport(total.Specs, total.Binaries, total.Bytes, exporter.Destination, total.Index, total.Layout, observer.Warnings));
        }
    }

    private void Export(MirrorExporter exporter, IReadOnlyList<CacheSpec> group, CountingObserver observer, CacheMirrorExportTotals total,
        ByteProgress progress)
    {
        ExportJob job;
        try
        {
            job = exporter.Prepare(group, observer, CancellationToken);
        }
        catch (CacheMetaException ex)
        {
            WriteCacheError(ex, group[0]);
            return;
        }

        using (job)
        {
            foreach (string hash in job.Plan.NotInSource)
            {
                // Read from the index a moment ago, gone from it now: the index changed in between.
                WriteError(ErrorRecords.Create(ErrorIds.SpecNotInIndex, ErrorCategory.ObjectNotFound,
                    $"'{group.First(s => s.Hash == hash)}' is no longer a record of {job.Source} in its build cache; it is not exported. Read the specs again.",
                    group.First(s => s.Hash == hash)));
            }

            foreach (var missing in job.Plan.Unexportable)
            {
                observer.Warning($"{missing.Name} /{missing.Hash} ({missing.Status}) is not in the cache of {job.Source}, and "
                    + $"{string.Join(", ", missing.NeededBy.Select(s => s.Name + "@" + s.Version + " /" + s.Hash.Substring(0, 7)))} need{(missing.NeededBy.Count == 1 ? "s" : string.Empty)} it: "
                    + "the index records it without a binary; the machine installing from the export must have it.");
            }

            string unreadable = job.Unreadable.Count == 0 ? string.Empty : $" ({job.Unreadable.Count:N0} cannot be read at the source)";
            if (!ShouldProcess(exporter.Destination, $"Export {job.Describe()}{unreadable}, from {job.Mirror}"))
            {
                return;
            }

            ExportOutcome outcome;
            long before = total.Bytes;
            try
            {
                outcome = exporter.Run(job, observer, bytes => progress.Report(before + bytes, before + job.Bytes, job.Mirror.ToString()), CancellationToken);
            }
            catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.FileWriteFailed)
            {
                ThrowCacheError(ex, exporter.Destination); // the folder takes no files: nothing else can go on
                return;
            }
            catch (CacheMetaException ex)
            {
                WriteCacheError(ex, group[0]); // this source's index (changed meanwhile, another version): the next one may go on
                return;
            }

            foreach (var failure in outcome.Failures)
            {
                WriteCacheError(failure.Error, failure.Spec.Node.Values ?? (object)failure.Spec.Hash);
            }

            WriteVerbose($"{job.Source}: {outcome.Binaries:N0} of {job.Specs:N0} binaries exported, {outcome.Keys.Count:N0} key(s) copied; index {outcome.Index.IndexPath}.");
            total.Add(job.Specs, outcome.Binaries, outcome.Bytes, MirrorLayout.Under(exporter.Destination, outcome.Index.IndexPath), job.Layout);
        }
    }

    // The sums over the sources exported so far, for -PassThru.
    private sealed class CacheMirrorExportTotals
    {
        public int Specs { get; private set; }
        public int Binaries { get; private set; }
        public long Bytes { get; private set; }
        public string? Index { get; private set; }
        public int Layout { get; private set; }

        public void Add(int specs, int binaries, long bytes, string index, int layout)
        {
            Specs += specs;
            Binaries += binaries;
            Bytes += bytes;
            Index = index; // the last one published is the destination's index
            Layout = layout;
        }
    }

    // Passes reports on and counts the warnings, for the summary.
    private sealed class CountingObserver : ISourceObserver
    {
        private readonly ISourceObserver _inner;

        public CountingObserver(ISourceObserver inner) => _inner = inner;

        public int Warnings { get; private set; }

        public void Warning(string message)
        {
            Warnings++;
            _inner.Warning(message);
        }

        public void Verbose(string message) => _inner.Verbose(message);

        public void Progress(SourceProgress progress) => _inner.Progress(progress);
    }
}
