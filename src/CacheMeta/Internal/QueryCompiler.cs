using System.Management.Automation;
using CacheMeta.Query;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Compiles the filter parameters into the engine's query, or stops the cmdlet: a malformed filter value
/// (InvalidQuery) or spec (InvalidSpecSyntax, with the offending -Spec value as target) leaves nothing to do.
/// Dependency constraints (<c>^</c>) compile: index sources answer them through their graph, and a read of pages
/// refuses them (<see cref="PageSourceCommandBase"/>), since pages record no dependencies.
/// </summary>
internal static class QueryCompiler
{
    public static CompiledQuery Compile(PSCmdlet cmdlet, SpecQuery query)
    {
        try
        {
            return new CompiledQuery(query);
        }
        catch (CacheMetaException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.From(ex));
            throw; // not reached: ThrowTerminatingError throws
        }
    }
}
