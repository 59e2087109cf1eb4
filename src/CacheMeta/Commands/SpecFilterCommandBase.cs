using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>
/// The spec filter parameters: values OR-ed within a parameter, parameters AND-ed, case-insensitive,
/// wildcards everywhere but <c>-Hash</c> (a prefix, as Spack's <c>/abc123</c>).
/// </summary>
public abstract class SpecFilterCommandBase : CacheSourceCommandBase
{
    /// <summary>Package names.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Tags (refs): develop, v0.23.1, develop-2025-03-30.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>CI stacks (e4s, ml-linux-aarch64-cuda, root).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackCompleter))]
    public string[]? Stack { get; set; }

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

    /// <summary>
    /// Specs in Spack's syntax, e.g. 'zlib@1.2:1.4 %gcc@13 +shared target=x86_64_v3: /abc'; several are OR-ed (as
    /// spack buildcache list does) and combined with the other filters by AND. Names take wildcards.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Spec { get; set; }

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

    /// <summary>Compiles the query; a malformed value (a version range such as 1:2:3, a spec with a syntax error) stops the cmdlet.</summary>
    protected CompiledQuery CompileQuery(SpecQuery query) => QueryCompiler.Compile(this, query);
}
