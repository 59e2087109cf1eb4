using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Commands.Selection;
using CacheMeta.Hosts;

namespace CacheMeta.Commands;

/// <summary>Gets the machine binaries should run on: its platform, operating system, CPU target and glibc, as Spack names them.</summary>
/// <remarks>
/// Without parameters, describes this machine as a CacheMeta.CacheHost: Platform (linux, darwin, windows), OS in
/// Spack's naming (ubuntu22.04, rhel8, debian12, sles15, sequoia, windows10.0.20348), Target detected as archspec
/// detects it (on Linux from /proc/cpuinfo: vendor and flags, or the Arm implementer, part and features; on macOS from
/// sysctl values; on Windows through cpuid on x86_64, else only the architecture family), TargetFamily and, on Linux,
/// the glibc version. Its string
/// form is Spack's arch triplet, linux-debian12-zen3. Only files and C library calls are read, never a process, so it
/// takes milliseconds.
/// With -CpuInfoPath it describes another machine, such as a cluster's compute node seen from its login node: a saved
/// Linux /proc/cpuinfo or macOS 'sysctl -a' listing gives the target (and the platform: a sysctl listing is darwin),
/// and -OS, -Glibc and -Platform state the rest. Without -OS the OS is unknown and a warning says so, since no binary's
/// OS can then be checked; without -Glibc a Linux OS gets the glibc its release ships. A /proc/cpuinfo cannot tell a
/// big-endian POWER from a little-endian one: POWER8 and later are taken as ppc64le unless -TargetFamily says ppc64.
/// The result works wherever a CacheHost does.
/// </remarks>
/// <example>
/// <code>Get-CacheHost</code>
/// <para>This machine, e.g. linux, debian12, zen3, x86_64, 2.36.</para>
/// </example>
/// <example>
/// <code>Get-CacheHost -CpuInfoPath ./samples/hosts/graviton3.cpuinfo -OS amzn2</code>
/// <para>An AWS Graviton3 node described by its saved /proc/cpuinfo: linux-amzn2-neoverse_v1, with amzn2's glibc 2.26.</para>
/// </example>
/// <example>
/// <code>Get-CacheHost -CpuInfoPath ./samples/hosts/macbook-m3.sysctl -OS sequoia | ForEach-Object ToString</code>
/// <para>A Mac from its 'sysctl -a' listing, as the arch triplet darwin-sequoia-m3.</para>
/// </example>
/// <example>
/// <code>(Get-CacheHost).Target | Get-CacheTarget | Select-Object -ExpandProperty Ancestors</code>
/// <para>The targets whose binaries run on this machine besides its own.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CacheHost", DefaultParameterSetName = ThisMachineSet, HelpUri = HelpLinks.Reference + "get-cachehost")]
[OutputType(typeof(CacheHost))]
public sealed class GetCacheHostCommand : CacheCommandBase
{
    private const string ThisMachineSet = "ThisMachine", CpuInfoSet = "CpuInfo";

    /// <summary>Saved CPU descriptions of other machines: a Linux /proc/cpuinfo or a macOS 'sysctl -a' listing, used as typed.</summary>
    [Parameter(ParameterSetName = CpuInfoSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string[]? CpuInfoPath { get; set; }

    /// <summary>The machine's operating system in Spack's naming: rhel8, ubuntu22.04, sles15, sequoia.</summary>
    [Parameter(ParameterSetName = CpuInfoSet)]
    [ValidatePattern(@"^[A-Za-z0-9_.]+$")]
    [ArgumentCompleter(typeof(OSCompleter))]
    public string? OS { get; set; }

    /// <summary>The machine's glibc version (2.28); by default the one its Linux OS release ships.</summary>
    [Parameter(ParameterSetName = CpuInfoSet)]
    [ValidatePattern(@"^\d+(\.\d+)+$")]
    public string? Glibc { get; set; }

    /// <summary>The machine's platform (linux, darwin); by default darwin for a sysctl listing, else linux.</summary>
    [Parameter(ParameterSetName = CpuInfoSet)]
    [ValidatePattern(@"^[a-z0-9_]+$")]
    [ArgumentCompleter(typeof(PlatformCompleter))]
    public string? Platform { get; set; }

    /// <summary>The machine's architecture family (uname -m) where the description cannot tell: ppc64 for a big-endian POWER.</summary>
    [Parameter(ParameterSetName = CpuInfoSet)]
    [ValidatePattern(@"^[a-z0-9_]+$")]
    [ArgumentCompleter(typeof(TargetFamilyCompleter))]
    public string? TargetFamily { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (CpuInfoPath is null)
        {
            WriteObject(HostDetection.ThisMachine());
            return;
        }

        var errors = new List<ErrorRecord>();
        var paths = new CmdletPaths(this).Resolve(CpuInfoPath, literal: true, errors);
        foreach (var error in errors)
        {
            WriteError(error);
        }

        foreach (string path in paths)
        {
            try
            {
                var host = HostDetection.FromCpuInfoFile(path, Platform, OS, Glibc is null ? null : SpackVersion.Parse(Glibc), TargetFamily);
                if (host.OS is null)
                {
                    WriteWarning($"The OS of '{path}' is not known, so no binary's OS can be checked against it: give -OS (for example rhel8).");
                }

                WriteObject(host);
            }
            catch (CacheMetaException ex)
            {
                WriteCacheError(ex, path);
            }
        }
    }
}
