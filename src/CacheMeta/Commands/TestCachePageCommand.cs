using System.Management.Automation;
using CacheMeta.Audit;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Audits cache pages: checks each page's meta, hashes, order and folder against its own entries.</summary>
/// <remarks>
/// Reads pages from -Path/-LiteralPath (or $env:CACHEMETA_PATH) and writes one CacheMeta.CachePageFinding per
/// problem: meta.num_specs and meta.num_specs_by_stack against the entries (NumSpecs, NumSpecsByStack), each meta
/// list against the entries' values (MetaVersions, MetaCompilers, MetaOss, MetaPlatforms, MetaTargets,
/// MetaStacks), duplicate hashes (DuplicateHash), hashes Spack would reject, that is not matching ^[a-z0-9]{32}$
/// (MalformedHash), the title against the package folder (TitleFolder) and the tag its categories name against the
/// tag folder (TagFolder): all Errors. Warnings: a hash with a character Spack's base32 never writes (NonBase32Hash)
/// and entries not ordered by hash (EntryOrder, usual in pages of older generations). What a page's generation
/// does not carry is not checked. A page that cannot be read at all is reported as the usual error
/// (InvalidCachePage). Only pages are audited: build-cache indexes have no meta to contradict, so -Catalog and
/// -Mirror are not parameters here. With -Quiet only one boolean is written, and no error record: true when at
/// least one page was audited, every path exists, every page could be read and no page has an Error finding.
/// </remarks>
/// <example>
/// <code>Test-CachePage -Path ./samples/_cache/develop | Where-Object Severity -eq Error | Format-Table Package, Rule, Message</code>
/// <para>Lists the contradictions in the develop tag's pages before the site is published (none in the samples).</para>
/// </example>
/// <example>
/// <code>if (-not (Test-CachePage -Path ./samples -Quiet)) { throw 'The cache pages are inconsistent.' }</code>
/// <para>Fails a CI job when any page has an Error finding or cannot be read, and also when the path is mistyped or holds no pages.</para>
/// </example>
/// <example>
/// <code>Test-CachePage -Path ./samples/_cache/*/py-* | Group-Object Rule -NoElement</code>
/// <para>Counts the findings per rule over the Python packages of every tag.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "CachePage", DefaultParameterSetName = DefaultSet, HelpUri = HelpLinks.Reference + "test-cachepage")]
[OutputType(typeof(CachePageFinding), typeof(bool))]
public sealed class TestCachePageCommand : PageSourceCommandBase
{
    private bool _passed = true;
    private int _audited;

    /// <summary>
    /// Write only one boolean and no error records: true when pages were audited, every path exists, every page
    /// could be read and no page has an Error finding.
    /// </summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Auditing cache pages";

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var selection = SelectSource(quiet: Quiet);
        if (selection is null)
        {
            _passed = false;
            return;
        }

        _passed &= selection.Errors.Count == 0;
        var tree = (PageTreeSource)selection.Open();
        var outcome = Read(tree, selection, observer => tree.ReadPages(CompiledQuery.All, observer, CancellationToken), page =>
        {
            _audited++;
            foreach (var finding in PageAuditor.Audit(page))
            {
                _passed &= finding.Severity != FindingSeverity.Error;
                if (!Quiet)
                {
                    WriteObject(finding);
                }
            }
        }, writeErrors: !Quiet);
        _passed &= outcome.Errors == 0;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Quiet)
        {
            WriteObject(_passed && _audited > 0);
        }
    }
}
