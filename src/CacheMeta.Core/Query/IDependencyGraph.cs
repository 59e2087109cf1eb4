using CacheMeta.Query.Spec;

namespace CacheMeta.Query;

/// <summary>
/// What <c>^</c> terms need to know about the index a spec comes from. Only index sources have one (through their
/// graph); pages record no dependencies.
/// </summary>
internal interface IDependencyGraph
{
    /// <summary>
    /// True when a record that the record with <paramref name="hash"/> depends on, directly or not, through edges of
    /// any type, satisfies <paramref name="dependency"/> (and the edge into it has the virtuals and types the term names).
    /// </summary>
    bool HasDependency(string hash, SpecConstraint dependency);
}
