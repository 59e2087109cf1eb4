using System.Management.Automation;
using CacheMeta.Audit;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>Audits cache pages: checks each page's meta, hashes, order and folder against its own entries.</summary>
/// <remarks>
/// Reads pages from -Path/-LiteralPath (or $env:CACHEMETA_PATH) and writes one CacheMeta.CachePageFinding per
/// problem: meta.num_specs and meta.num_specs_by_stack against the entries (NumSpecs, NumSpecsByStack), each meta
/// list against the entries' values (MetaVersions, MetaCompilers, MetaOss, MetaPlatforms, MetaTargets,
/// MetaStacks), duplicate hashes (DuplicateHash), hashes Spack would reject, that is not matching ^[a-z0-9]{32}$
/// (MalformedHash), the title against the package folder (TitleFolder) and the tag against the tag folder
/// (TagFolder): all Errors. Warnings: a hash with a character Spack's base32 never writes (NonBase32Hash) and
/// entries not ordered by hash (EntryOrder, usual in pages of older generations). What a page's generation
/// does not carry is not checked. A page that cannot be read at all is reported as the usual error
/// (InvalidCachePage). With -Quiet only one boolean is written: true when no page has an Error finding and
/// every page could be read.
/// </remarks>
/// <example>
/// <code>Test-CachePage -Path ./site/_cache/develop | Where-Object Severity -eq Error | Format-Table Package, Rule, Message</code>
/// <para>Lists the contradictions in the develop tag's pages before the site is published.</para>
/// </example>
/// <example>
/// <code>if (-not (Test-CachePage -Path ./site -Quiet)) { throw 'The cache pages are inconsistent.' }</code>
/// <para>Fails a CI job when any page has an Error finding or cannot be read.</para>
/// </example>
/// <example>
/// <code>Test-CachePage -Path ./site/_cache/*/py-* | Group-Object Rule -NoElement</code>
/// <para>Counts the findings per rule over the Python packages of every tag.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "CachePage", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CachePageFinding), typeof(bool))]
public sealed class TestCachePageCommand : CacheSourceCommandBase
{
    private bool _passed = true;

    /// <summary>Write only one boolean: true when no page has an Error finding and every page could be read.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Auditing cache pages";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var outcome = ReadPages(CompiledQuery.All, page =>
        {
            foreach (var finding in PageAuditor.Audit(page))
            {
                _passed &= finding.Severity != FindingSeverity.Error;
                if (!Quiet)
                {
                    WriteObject(finding);
                }
            }
        });
        _passed &= outcome.Errors == 0;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Quiet)
        {
            WriteObject(_passed);
        }
    }
}
