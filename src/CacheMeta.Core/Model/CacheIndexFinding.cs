namespace CacheMeta;

/// <summary>
/// One problem found in a build-cache index: which rule, how serious, which record and, for the dependency rules,
/// which dependency. The same shape as <see cref="CachePageFinding"/> where the two overlap (Severity, Rule, Package,
/// Message), so audits of pages and of indexes read alike.
/// </summary>
public sealed class CacheIndexFinding
{
    /// <summary>Creates a finding.</summary>
    public CacheIndexFinding(FindingSeverity severity, string rule, string? package, string hash, string message, string source,
        string? tag = null, string? dependency = null, string? dependencyHash = null)
    {
        Severity = severity;
        Rule = rule;
        Package = package;
        Hash = hash;
        Message = message;
        Source = source;
        Tag = tag;
        Dependency = dependency;
        DependencyHash = dependencyHash;
    }

    /// <summary>Error or Warning.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>The rule that found the problem, one of the names in <c>CacheMeta.Audit.IndexRules</c>.</summary>
    public string Rule { get; }

    /// <summary>The record's package; null for a record too malformed to name one.</summary>
    public string? Package { get; }

    /// <summary>The record's hash (its key in the index).</summary>
    public string Hash { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Message { get; }

    /// <summary>The index file or URL.</summary>
    public string Source { get; }

    /// <summary>The tag the index belongs to; null for a lone mirror.</summary>
    public string? Tag { get; }

    /// <summary>For the dependency rules: the dependency's package name.</summary>
    public string? Dependency { get; }

    /// <summary>For the dependency rules: the dependency's hash.</summary>
    public string? DependencyHash { get; }

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Rule + ": " + Message;
}
