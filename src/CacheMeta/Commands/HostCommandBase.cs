using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;

namespace CacheMeta.Commands;

/// <summary>
/// The host parameters of every cmdlet that asks what runs on a machine (the spec cmdlets, Find-CacheSpec):
/// <c>-CompatibleWith</c> and <c>-OSCompatibility</c>. A host comes from the command line or the pipeline; PowerShell
/// binds pipeline input record by record after BeginProcessing, so the host bound then is the command line's, and a
/// different one in a record is that record's own (<see cref="PipedHost"/>).
/// </summary>
public abstract class HostCommandBase : CacheSourceCommandBase
{
    private CacheHost? _commandLineHost;

    /// <summary>
    /// Only binaries that run on this machine: an arch triplet (linux-rhel8-zen4), the word host for this machine, or a
    /// CacheHost (Get-CacheHost, also from the pipeline: one read of the source per host). A binary runs when its
    /// platform is the host's, its target is the host's or an ancestor of it, and its OS is the host's (see -OSCompatibility).
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(HostCompleter))]
    public CacheHost? CompatibleWith { get; set; }

    /// <summary>
    /// How -CompatibleWith judges a binary's OS: Exact (the host's own, the default) or Glibc (on Linux, any distribution
    /// release whose glibc is not newer than the host's, Spack's reuse rule since 1.0).
    /// </summary>
    [Parameter]
    [ValidateSet("Exact", "Glibc", IgnoreCase = true)]
    public string? OSCompatibility { get; set; }

    /// <summary>The host of the command line (null when none was given), as bound when processing began.</summary>
    private protected CacheHost? CommandLineHost => _commandLineHost;

    /// <summary>The host this record brought from the pipeline; null when it brought none.</summary>
    private protected CacheHost? PipedHost =>
        CompatibleWith is null || ReferenceEquals(CompatibleWith, _commandLineHost) ? null : CompatibleWith;

    /// <summary>The -OSCompatibility rule as the engine's enum.</summary>
    private protected OSCompatibility OSRule => OSRules.Parse(OSCompatibility);

    /// <summary>Remembers the command line's host; derived cmdlets call this first.</summary>
    protected override void BeginProcessing() => _commandLineHost = CompatibleWith;
}
