using System.Management.Automation;
using CacheMeta.Query;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Compiles the filter parameters into the engine's query, or stops the cmdlet: a malformed filter value
/// (InvalidQuery) or spec (InvalidSpecSyntax, with the offending -Spec value as target) leaves nothing to do.
/// Dependency constraints (<c>^</c>) are refused here for every source until index sources answer them through
/// their graph (issue 13, part B, moves this check to the page sources).
/// </summary>
internal static class QueryCompiler
{
    public static CompiledQuery Compile(PSCmdlet cmdlet, SpecQuery query)
    {
        try
        {
            var compiled = new CompiledQuery(query);
            compiled.RejectDependencyConstraints();
            return compiled;
        }
        catch (CacheMetaException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.From(ex));
            throw; // not reached: ThrowTerminatingError throws
        }
    }
}
