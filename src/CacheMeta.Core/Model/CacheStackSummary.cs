namespace CacheMeta;

/// <summary>
/// What one CI stack holds under one tag (and, when grouped, for one value such as a target): how many specs,
/// and how many distinct packages, package versions, compilers, operating systems, platforms, targets and
/// target families they cover. <see cref="Specs"/> over a set of pages equals the sum of their
/// <c>num_specs_by_stack</c> for the stack.
/// </summary>
public sealed class CacheStackSummary
{
    /// <summary>Creates a summary.</summary>
    public CacheStackSummary(string? tag, string stack, StackGrouping groupBy, string? group, int specs, int packages, int versions,
        int compilers, int operatingSystems, int platforms, int targets, int targetFamilies)
    {
        Tag = tag;
        Stack = stack;
        GroupBy = groupBy;
        Group = group;
        Specs = specs;
        Packages = packages;
        Versions = versions;
        Compilers = compilers;
        OperatingSystems = operatingSystems;
        Platforms = platforms;
        Targets = targets;
        TargetFamilies = targetFamilies;
    }

    /// <summary>The cache ref (null for specs of the oldest pages, which name none).</summary>
    public string? Tag { get; }

    /// <summary>The CI stack; <c>root</c> holds every spec of a tag.</summary>
    public string Stack { get; }

    /// <summary>What the summaries are split by (<see cref="StackGrouping.None"/> when not split).</summary>
    public StackGrouping GroupBy { get; }

    /// <summary>The value of <see cref="GroupBy"/> this summary is about (a target, a compiler); null when not split.</summary>
    public string? Group { get; }

    /// <summary>Number of specs (binaries).</summary>
    public int Specs { get; }

    /// <summary>Number of distinct packages.</summary>
    public int Packages { get; }

    /// <summary>Number of distinct package versions (<c>zlib@1.3.1</c> and <c>zlib@1.3</c> are two).</summary>
    public int Versions { get; }

    /// <summary>Number of distinct compilers, as written.</summary>
    public int Compilers { get; }

    /// <summary>Number of distinct operating systems.</summary>
    public int OperatingSystems { get; }

    /// <summary>Number of distinct platforms.</summary>
    public int Platforms { get; }

    /// <summary>Number of distinct targets.</summary>
    public int Targets { get; }

    /// <summary>Number of distinct target families.</summary>
    public int TargetFamilies { get; }

    /// <inheritdoc />
    public override string ToString() =>
        (Tag is null ? Stack : Tag + "/" + Stack) + (Group is null ? string.Empty : " [" + Group + "]") + ": " + Specs + " specs";
}
