using System.Management.Automation;
using CacheMeta.Commands.Completion;
using CacheMeta.Commands.Internal;
using CacheMeta.Query;

namespace CacheMeta.Commands;

/// <summary>
/// The filters that apply to packages as well as to single specs: names, tags, stacks and Spack spec syntax.
/// Values are OR-ed within a parameter, parameters AND-ed, matching is case-insensitive.
/// </summary>
public abstract class PackageFilterCommandBase : CacheSourceCommandBase
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

    /// <summary>CI stacks (e4s, ml-linux-aarch64-cuda, root): specs in any of them, or packages with specs in any of them.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackCompleter))]
    public string[]? Stack { get; set; }

    /// <summary>
    /// Specs in Spack's syntax, e.g. 'zlib@1.2:1.4 %gcc@13 +shared target=x86_64_v3: /abc'; several are OR-ed (as
    /// spack buildcache list does) and combined with the other filters by AND; names take wildcards. For
    /// packages: the packages with at least one spec that satisfies them.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Spec { get; set; }

    /// <summary>
    /// Compiles the query; a malformed value (a version range such as 1:2:3, a spec with a syntax error) stops the
    /// cmdlet, and what the query itself finds doubtful (a -Spec range around an unknown target) is a warning.
    /// </summary>
    protected CompiledQuery CompileQuery(SpecQuery query)
    {
        var compiled = QueryCompiler.Compile(this, query);
        foreach (string warning in compiled.Warnings)
        {
            WriteWarning(warning);
        }

        return compiled;
    }

    /// <summary>Once the input ends: a warning for each filter value that matched nothing the sources read hold (when all could be read).</summary>
    protected void WriteUnmatched(CompiledQuery? query)
    {
        if (ReadErrors == 0)
        {
            UnmatchedValues.Write(this, query);
        }
    }
}
