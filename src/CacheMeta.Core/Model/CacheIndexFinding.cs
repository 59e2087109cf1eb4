namespace CacheMeta;

/// <summary>
/// One problem found in a build-cache index: which rule, how serious, what it is about and, for the dependency rules,
/// a record that needs it. The same shape as <see cref="CachePageFinding"/> where the two overlap (Severity, Rule,
/// Package, Message), so audits of pages and of indexes read alike.
/// </summary>
public sealed class CacheIndexFinding
{
    /// <summary>Creates a finding.</summary>
    public CacheIndexFinding(FindingSeverity severity, string rule, string? package, string hash, string message, string source,
        string? tag = null, string? neededBy = null, string? neededByHash = null)
    {
        Severity = severity;
        Rule = rule;
        Package = package;
        Hash = hash;
        Message = message;
        Source = source;
        Tag = tag;
        NeededBy = neededBy;
        NeededByHash = neededByHash;
    }

    /// <summary>Error or Warning.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>The rule that found the problem, one of the names in <c>CacheMeta.Audit.IndexRules</c>.</summary>
    public string Rule { get; }

    /// <summary>
    /// The package the finding is about: the skipped or misplaced record's, the missing or not-in-cache dependency's;
    /// null for a record too malformed to name one.
    /// </summary>
    public string? Package { get; }

    /// <summary>The hash the finding is about (a record's key, or a dependency's hash that no record has).</summary>
    public string Hash { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Message { get; }

    /// <summary>The index file or URL.</summary>
    public string Source { get; }

    /// <summary>The tag the index belongs to; null for a lone mirror.</summary>
    public string? Tag { get; }

    /// <summary>For the dependency rules: the package of a record that needs it (the first found).</summary>
    public string? NeededBy { get; }

    /// <summary>For the dependency rules: that record's hash.</summary>
    public string? NeededByHash { get; }

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Rule + ": " + Message;
}
