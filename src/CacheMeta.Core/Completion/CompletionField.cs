namespace CacheMeta.Completion;

/// <summary>The filter parameters whose values CacheMeta completes.</summary>
public enum CompletionField
{
    /// <summary>Package names.</summary>
    Name,
    /// <summary>Tags (refs).</summary>
    Tag,
    /// <summary>CI stacks.</summary>
    Stack,
    /// <summary>Microarchitecture targets.</summary>
    Target,
    /// <summary>Target families.</summary>
    TargetFamily,
    /// <summary>Operating systems.</summary>
    OS,
    /// <summary>Platforms.</summary>
    Platform,
    /// <summary>Compilers: names and name@version.</summary>
    Compiler,
    /// <summary>Package versions (after the fields the value census counts, which index by this enum).</summary>
    Version,
    /// <summary>Variants as Spack prints them: +mpi, ~cuda, build_system=cmake.</summary>
    Variant,
}
