namespace CacheMeta;

/// <summary>How serious a page finding is.</summary>
public enum FindingSeverity
{
    /// <summary>The page works but is not what the current generator writes (order, unusual but valid values).</summary>
    Warning = 1,
    /// <summary>The page contradicts itself or its place in the site: readers would get wrong answers.</summary>
    Error = 2,
}

/// <summary>One problem found in a cache page: which rule, how serious, and what was expected and found.</summary>
public sealed class CachePageFinding
{
    /// <summary>Creates a finding.</summary>
    public CachePageFinding(string path, string? tag, string package, string rule, FindingSeverity severity, string message,
        string? expected, string? actual)
    {
        Path = path;
        Tag = tag;
        Package = package;
        Rule = rule;
        Severity = severity;
        Message = message;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The page file.</summary>
    public string Path { get; }

    /// <summary>The page's tag; null when it names none.</summary>
    public string? Tag { get; }

    /// <summary>The page's package (its title).</summary>
    public string Package { get; }

    /// <summary>The rule that found the problem, one of the names in <c>CacheMeta.Audit.PageRules</c>.</summary>
    public string Rule { get; }

    /// <summary>Error or Warning.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Message { get; }

    /// <summary>What the rule expected (recomputed from the entries, or the folder name); null when nothing was.</summary>
    public string? Expected { get; }

    /// <summary>What the page says; null when it says nothing.</summary>
    public string? Actual { get; }

    /// <inheritdoc />
    public override string ToString() => Severity + " " + Rule + ": " + Message;
}
