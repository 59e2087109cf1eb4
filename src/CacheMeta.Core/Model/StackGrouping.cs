namespace CacheMeta;

/// <summary>What stack summaries are split by, besides tag and stack.</summary>
public enum StackGrouping
{
    /// <summary>One summary per tag and stack.</summary>
    None,
    /// <summary>One summary per tag, stack and target (<c>x86_64_v3</c>).</summary>
    Target,
    /// <summary>One summary per tag, stack and target family (<c>aarch64</c>).</summary>
    TargetFamily,
    /// <summary>One summary per tag, stack and operating system.</summary>
    OS,
    /// <summary>One summary per tag, stack and compiler, as written (<c>gcc@=11.4.0</c>).</summary>
    Compiler,
    /// <summary>One summary per tag, stack and platform.</summary>
    Platform,
}
