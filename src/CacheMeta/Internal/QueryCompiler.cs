using System;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Query;
using CacheMeta.Query.Spec;

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
        catch (FormatException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.From(
                new CacheMetaException(ErrorIds.InvalidQuery, CacheErrorKind.InvalidArgument, ex.Message, innerException: ex)));
            throw; // not reached: ThrowTerminatingError throws
        }
        catch (CacheMetaException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.From(ex, FailingSpec(query) ?? ex.Target));
            throw;
        }
    }

    private static string? FailingSpec(SpecQuery query)
    {
        foreach (string spec in query.Spec ?? Array.Empty<string>())
        {
            try
            {
                if (SpecConstraint.Parse(spec).Any(s => s.HasDependencies))
                {
                    return spec;
                }
            }
            catch (CacheMetaException)
            {
                return spec;
            }
        }

        return null;
    }
}
