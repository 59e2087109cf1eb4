using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Commands.Selection;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Downloads binaries (tarballs and their spec manifests or spec files) into a folder laid out as their mirror, verified.</summary>
/// <remarks>
/// Saves the entry of each spec, dependency or binary piped in under -Destination, with the mirror's own paths: in the
/// v3 layout the spec manifest and the spec and tarball blobs it lists, in the v2 layout the spec file and the tarball.
/// Every blob is checked against its checksum and length while it is written, through a temporary file that is only
/// moved into place once verified, so a failed check (BinaryChecksumMismatch) or Ctrl+C leaves no file behind; the
/// spec manifest or spec file is written byte for byte, after the blobs it names, once its signature is found Valid
/// against the mirror's published keys (SignatureRejected otherwise; -SkipSignatureCheck saves it anyway). A file
/// already there with the right checksum is not fetched again (-Force fetches it anyway), so running the command again
/// completes a stopped run.
/// -WhatIf prints the plan: how many binaries and bytes, and how many files are there already. Progress shows bytes
/// and the rate. -PassThru writes the files of each binary saved.
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed | Save-CacheBinary -Destination ./copy -WhatIf</code>
/// <para>Shows how many binaries and bytes a download would take, without writing anything.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed -Name zlib-ng | Save-CacheBinary -Destination (Join-Path ([IO.Path]::GetTempPath()) 'cachemeta-copy') -PassThru</code>
/// <para>Saves one binary with its spec manifest, verified, into a folder under the temporary folder, and lists the files written.</para>
/// </example>
[Cmdlet(VerbsData.Save, "CacheBinary", DefaultParameterSetName = SpecSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Reference + "save-cachebinary")]
[OutputType(typeof(FileInfo))]
public sealed class SaveCacheBinaryCommand : BinaryCommandBase
{
    private const string BinarySet = "Binary";

    private readonly List<CacheBinary> _binaries = new();
    private readonly Dictionary<string, CacheBinary> _piped = new(StringComparer.Ordinal);

    /// <summary>Binaries from Get-CacheBinary.</summary>
    [Parameter(ParameterSetName = BinarySet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheBinary[]? Binary { get; set; }

    /// <summary>The folder to save into (made when needed); the files go under it as under the mirror root.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Saves entries whatever their signature says (unsigned mirrors, keys you cannot get).</summary>
    [Parameter]
    public SwitchParameter SkipSignatureCheck { get; set; }

    /// <summary>Fetches and verifies every file again, also those already there with the right checksum (a suspect copy).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the files of each binary saved (or found there already) as FileInfo objects.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Reading binary entries";

    private protected override object[] MoreInput() => (object[]?)Binary ?? base.MoreInput();

    private protected override BinaryEntry? Locate(object item)
    {
        if (item is CacheBinary binary)
        {
            _piped[binary.Entry.Key] = binary;
            return binary.Entry;
        }

        return base.Locate(item);
    }

    private protected override object Run(BinaryEntry entry, BinaryResolver resolver, ISourceObserver observer) =>
        _piped.TryGetValue(entry.Key, out var piped) ? piped : resolver.Resolve(entry, CancellationToken);

    private protected override void Emit(object item, object result) => _binaries.Add((CacheBinary)result);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        base.EndProcessing();
        string? destination = CmdletPaths.ResolveDestination(this, Destination!, out var error);
        if (destination is null)
        {
            ThrowTerminatingError(error!);
            return;
        }

        var resolver = new BinaryResolver(new MirrorFiles(Fetcher));
        var auditor = SkipSignatureCheck ? null : new SignatureAuditor(resolver, new Binaries.Signing.KeySet(), false, WorkObserver);
        var saver = new BinarySaver(resolver, auditor, destination, Force.IsPresent);
        var plans = _binaries.Select(saver.Plan).ToList();
        long total = plans.Sum(p => p.Bytes);
        int present = plans.Sum(p => p.Files.Count(f => f.Present));
        string plan = $"Save {plans.Count:N0} binar{(plans.Count == 1 ? "y" : "ies")} ({Text.ByteText.Of(total)} to fetch; {present:N0} file(s) already there)";
        if (plans.Count == 0 || !ShouldProcess(destination, plan))
        {
            return;
        }

        Save(saver, plans, total);
    }

    private void Save(BinarySaver saver, List<SavePlan> plans, long total)
    {
        long done = 0;
        var progress = new ByteProgress(this, 3, "Saving binaries");
        using var work = new OrderedWork<SavePlan, SavedBinary>(ThrottleLimit,
            (plan, observer, token) => saver.Save(plan, bytes => Interlocked.Add(ref done, bytes), token), CancellationToken);
        foreach (var plan in plans)
        {
            work.Add(plan);
        }

        try
        {
            while (work.Pending > 0)
            {
                foreach (var (plan, saved, error) in work.Take(Observer, wait: true, keepPending: work.Pending - 1))
                {
                    if (error is CacheMetaException failure)
                    {
                        WriteCacheError(failure, plan.Binary);
                    }
                    else if (error is not null)
                    {
                        throw error;
                    }
                    else if (PassThru)
                    {
                        WriteObject(saved!.Files.Select(f => new FileInfo(f)), enumerateCollection: true);
                    }
                }

                PassWorkReports(); // the keys' and downloads' reports: the auditor and fetcher report to the base's work
                progress.Report(Interlocked.Read(ref done), total);
            }
        }
        finally
        {
            PassWorkReports();
            progress.Complete();
        }
    }
}
