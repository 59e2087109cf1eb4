namespace CacheMeta.Audit;

/// <summary>The names of the rules <see cref="IndexAuditor"/> checks, as findings carry them in <c>Rule</c>.</summary>
internal static class IndexRules
{
    /// <summary>Error: a dependency hash that no record of the index has (one finding per hash).</summary>
    public const string MissingDependency = "MissingDependency";
    /// <summary>
    /// Error: a record that is neither in the build cache nor external, which a spec in the build cache needs through
    /// link or run edges (directly or not), so installing that spec from this cache fails (one finding per record).
    /// Holes reached only through build edges are not faults: a binary does not need its build dependencies.
    /// </summary>
    public const string DependencyNotInCache = "DependencyNotInCache";
    /// <summary>Error: a spec in a stack's index that the tag's root index does not have in its build cache.</summary>
    public const string StackSpecNotInRoot = "StackSpecNotInRoot";
    /// <summary>Warning: a record the readers skip (malformed, a key that is not a hash, a repeated key).</summary>
    public const string MalformedRecord = "MalformedRecord";
}
