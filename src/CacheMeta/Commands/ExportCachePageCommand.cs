using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Aggregation;
using CacheMeta.Commands.Internal;
using CacheMeta.Commands.Selection;
using CacheMeta.IO;
using CacheMeta.Pages;
using CacheMeta.Sources;
using CacheMeta.Text;

namespace CacheMeta.Commands;

/// <summary>Writes CacheSpec objects as cache pages that a cache.spack.io-style Jekyll site can serve.</summary>
/// <remarks>
/// Groups the specs it receives from the pipeline (from any source, in any order) by Tag and Package and writes
/// one page per group to &lt;Destination&gt;/_cache/&lt;tag&gt;/&lt;package&gt;/specs.md, in the current generator's exact
/// format: meta computed from the specs as the generator computes it, records sorted by hash, JSON written as
/// Python's json.dumps(sort_keys=True) writes it. Reading a current-format page and exporting it gives back the
/// same bytes; older pages come out in the current form. Pages are written when the input ends. Each page goes
/// to a temporary file in its folder and is then moved into place, so no reader ever sees half a page.
/// An existing page is replaced only with -Force (otherwise a FileExists error, and the file is untouched).
/// A record whose hash was already seen for the same tag and package is merged into it when only its stacks
/// differ (a binary listed by several stacks) and refused (ConflictingSpecRecords) when anything else differs.
/// Specs without a tag (a mirror's, the oldest pages') are placed under -Tag when it is given, and reported as
/// errors (SpecWithoutTag, saying what to do for the source they came from) when it is not; specs without a hash
/// cannot be placed either, nor can tags or package names that are not a plain folder name (PageOutsideDestination,
/// a security error).
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Path ./samples/_cache/develop -Stack e4s | Export-CachePage -Destination (Join-Path ([IO.Path]::GetTempPath()) e4s-site) -Force</code>
/// <para>Builds a site holding only the e4s stack's binaries: one page per package, with meta recomputed for the subset.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Path ./samples | Export-CachePage -Destination ./samples -Force -WhatIf</code>
/// <para>Shows which pages would be rewritten in the canonical current format, without writing anything.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec zlib-ng -Path ./samples -Tag develop | Export-CachePage -Destination (Join-Path ([IO.Path]::GetTempPath()) copy) -Force -PassThru | Get-FileHash</code>
/// <para>Writes the zlib-ng page of the develop tag to a folder in the temporary folder and passes the written file on for a checksum.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/v0.23.1 | Export-CachePage -Destination ./mirror-site -Tag v0.23.1 -WhatIf</code>
/// <para>Shows which pages a mirror's specs, which carry no tag, would make under _cache/v0.23.1/.</para>
/// </example>
[Cmdlet(VerbsData.Export, "CachePage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Reference + "export-cachepage")]
[OutputType(typeof(FileInfo))]
public sealed class ExportCachePageCommand : CacheCommandBase
{
    private readonly PageCollector _collector = new();
    private string? _site;

    /// <summary>The specs to write: CacheSpec objects, usually from Get-CacheSpec.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheSpec[]? InputObject { get; set; }

    /// <summary>The site folder: pages go to _cache/&lt;tag&gt;/&lt;package&gt;/specs.md below it. Created when missing.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Replace pages that exist. Without it an existing page is left as it is and an error is written.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write a FileInfo for each page written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The tag to place specs that have none under (a mirror's specs, the oldest pages'); specs with a tag keep theirs.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _site = CmdletPaths.ResolveDestination(this, Destination!, out var error);
        if (error is not null)
        {
            ThrowTerminatingError(error); // nowhere to write: nothing can go on
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var spec in InputObject!)
        {
            if (spec is null)
            {
                continue;
            }

            var placed = spec.Tag is null && Tag is not null ? spec.WithTag(Tag) : spec;
            if (_collector.Add(placed) is { } refused)
            {
                WriteCacheError(refused.ErrorId == ErrorIds.SpecWithoutTag ? WithoutTag(refused, spec) : refused, spec);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var pages = _collector.Pages().ToList(); // the total, for a percentage
        var progress = new ProgressReporter(this, ActivityIds.Exporting, "Exporting cache pages", "{0:N0} of {2:N0} pages, {1:N0} written", pages.Count);
        try
        {
            foreach (var (tag, package, specs) in pages)
            {
                if (CancellationToken.IsCancellationRequested)
                {
                    break;
                }

                string? written = Export(tag, package, specs);
                progress.Advance(written ?? package, written is null ? 0 : 1);
            }
        }
        finally
        {
            progress.Complete();
        }

        base.EndProcessing();
    }

    // What to do about a spec without a tag depends on where it came from.
    private static CacheMetaException WithoutTag(CacheMetaException refused, CacheSpec spec)
    {
        string why = spec.Origin switch
        {
            MirrorSource => "it was read from a mirror, and a mirror's specs carry no tag",
            PageTreeSource => "its page names no tag and is not in a _cache/<tag>/ folder (the oldest pages name none)",
            _ => "it was made without one",
        };
        return new CacheMetaException(refused.ErrorId, refused.Kind,
            $"The spec {spec} has no tag, so no page folder can hold it: {why}. Give -Tag <name> to place such specs under _cache/<name>/.",
            refused.Target, innerException: refused);
    }

    private string? Export(string tag, string package, IReadOnlyList<CacheSpec> specs)
    {
        try
        {
            string path = PageLocation.PathFor(_site!, tag, package);
            bool exists = File.Exists(path);
            if (exists && !Force)
            {
                // Checked before asking: -Confirm should not ask about a page that will not be written.
                throw new CacheMetaException(ErrorIds.FileExists, CacheErrorKind.ResourceExists,
                    $"The page of {package} ({tag}) exists; use -Force to replace it.", path);
            }

            if (!ShouldProcess(path, exists ? "Replace cache page" : "Write cache page"))
            {
                return null;
            }

            byte[] content = PageWriter.Encode(PageAggregator.Aggregate(package, tag, specs, path));
            AtomicFile.WriteAllBytes(path, content, overwrite: Force);
            WriteVerbose($"Wrote {Plural.Count(specs.Count, "spec")} of {package} ({tag}) to {path}.");
            if (PassThru)
            {
                // Through the provider, as Get-Item returns it: a FileInfo with PSPath and friends, so it formats
                // as a file and binds to the next cmdlet's -LiteralPath.
                WriteObject(InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);
            }

            return path;
        }
        catch (CacheMetaException error)
        {
            WriteCacheError(error);
            return null;
        }
    }
}
