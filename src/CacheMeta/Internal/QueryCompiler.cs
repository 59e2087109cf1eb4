using System;
using System.Management.Automation;
using CacheMeta.Query;
using CacheMeta.Query.Spec;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Compiles the filter parameters into the engine's query, or stops the cmdlet: a malformed filter value
/// (InvalidQuery) or spec (InvalidSpecSyntax, with the offending -Spec value as target) leaves nothing to do.
/// </summary>
internal static class QueryCompiler
{
    public static CompiledQuery Compile(PSCmdlet cmdlet, SpecQuery query)
    {
        try
        {
            return new CompiledQuery(query);
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
                SpecConstraint.Parse(spec);
            }
            catch (CacheMetaException)
            {
                return spec;
            }
        }

        return null;
    }
}
