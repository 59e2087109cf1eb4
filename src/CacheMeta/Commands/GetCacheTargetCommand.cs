using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Targets;

namespace CacheMeta.Commands;

/// <summary>Gets the CPU microarchitectures Spack names its targets after, with their ancestry and features.</summary>
/// <remarks>
/// Writes one CacheMeta.CacheTarget per microarchitecture of CacheMeta's built-in table, which holds archspec's
/// targets (the table Spack itself uses): Name, Vendor, Family (x86_64, aarch64, ppc64le, ...), Generic (an
/// architecture level such as x86_64_v3 rather than a vendor's CPU), Parents, Ancestors (nearest first) and Features;
/// POWER targets add their Generation, Arm cores their CpuImplementer and CpuPart as /proc/cpuinfo shows them.
/// A binary built for a target runs on that target and on every target that lists it among its Ancestors: x86_64_v3
/// binaries run on zen4, zen4 binaries do not run on zen3. Without -Name every target is written, in the table's order;
/// names take wildcards, and a name without wildcards that the table does not know is a TargetNotFound error. Piped
/// objects bind by their Target property (specs, hosts), and each target is written once per call. The old Graviton
/// names (graviton, graviton2, graviton3) are kept for indexes that still carry them.
/// </remarks>
/// <example>
/// <code>Get-CacheTarget zen*</code>
/// <para>Lists AMD's Zen generations with their vendor, family and parents.</para>
/// </example>
/// <example>
/// <code>(Get-CacheTarget neoverse_v2).Ancestors</code>
/// <para>Every target whose binaries run on a Neoverse V2 (NVIDIA Grace, AWS Graviton4), nearest first.</para>
/// </example>
/// <example>
/// <code>Get-CacheTarget | Where-Object { $_.Family -eq 'aarch64' -and $_.CpuPart } | Format-Table Name, Vendor, CpuImplementer, CpuPart</code>
/// <para>The Arm cores the table can recognise from /proc/cpuinfo, with the implementer and part numbers it matches.</para>
/// </example>
/// <example>
/// <code>Get-CacheHost | Get-CacheTarget | Select-Object -ExpandProperty Features</code>
/// <para>The CPU features this machine's target requires, which is what binaries built for it may use.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheTarget", HelpUri = HelpLinks.Reference + "get-cachetarget")]
[OutputType(typeof(CacheTarget))]
public sealed class GetCacheTargetCommand : CacheCommandBase
{
    private readonly HashSet<string> _written = new(System.StringComparer.Ordinal);

    /// <summary>Target names to get (wildcards): zen4, neoverse_*, x86_64_v?. Piped specs and hosts bind by their Target.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Target")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KnownTargetCompleter))]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Name is null)
        {
            foreach (var target in Microarchitectures.All)
            {
                Write(target);
            }

            return;
        }

        foreach (string name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            bool found = false;
            foreach (var target in Microarchitectures.All)
            {
                if (pattern.IsMatch(target.Name))
                {
                    found = true;
                    Write(target);
                }
            }

            if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(ErrorRecords.Create(ErrorIds.TargetNotFound, ErrorCategory.ObjectNotFound,
                    $"'{name}' is not a target CacheMeta knows; Get-CacheTarget lists them (a binary for an unknown target runs only on that target).",
                    name));
            }
        }
    }

    private void Write(CacheTarget target)
    {
        if (_written.Add(target.Name))
        {
            WriteObject(target);
        }
    }
}
