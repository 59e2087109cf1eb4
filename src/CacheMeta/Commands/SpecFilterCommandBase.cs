using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>
/// The filter parameters of single specs, beside the package-level ones: values OR-ed within a parameter,
/// parameters AND-ed, case-insensitive, wildcards everywhere but <c>-Hash</c> (a prefix, as Spack's <c>/abc123</c>).
/// </summary>
public abstract class SpecFilterCommandBase : PackageFilterCommandBase
{
    /// <summary>Microarchitecture targets (x86_64_v3, neoverse_v1).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetCompleter))]
    public string[]? Target { get; set; }

    /// <summary>Target families (x86_64, aarch64, ppc64le).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TargetFamilyCompleter))]
    public string[]? TargetFamily { get; set; }

    /// <summary>Operating systems (ubuntu22.04, rhel8, sequoia).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OSCompleter))]
    public string[]? OS { get; set; }

    /// <summary>Platforms (linux, darwin, windows).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PlatformCompleter))]
    public string[]? Platform { get; set; }

    /// <summary>Compilers: gcc (any gcc), gcc@13.2.0 (also gcc@=13.2.0), gcc@13 (any 13.x), wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CompilerCompleter))]
    public string[]? Compiler { get; set; }

    /// <summary>Versions: 6.1.0, 6.1 (any 6.1.x), =6.1 (exactly), 1.2:1.4 (a range), wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Version { get; set; }

    /// <summary>DAG hash prefixes, with or without a leading '/'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Hash { get; set; }

    /// <summary>Variants: +mpi, ~cuda, build_system=cmake, cuda_arch=80.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Variant { get; set; }

    /// <summary>The filters as the engine's query.</summary>
    protected SpecQuery BuildQuery() => new()
    {
        Name = Name,
        Tag = Tag,
        Stack = Stack,
        Target = Target,
        TargetFamily = TargetFamily,
        OS = OS,
        Platform = Platform,
        Compiler = Compiler,
        Version = Version,
        Hash = Hash,
        Variant = Variant,
        Spec = Spec,
    };
}
