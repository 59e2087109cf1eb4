namespace CacheMeta;

/// <summary>What a dependency's record in the same index says about installing it from that build cache.</summary>
public enum DependencyStatus
{
    /// <summary>The binary is in the build cache (<c>in_buildcache: true</c>).</summary>
    InCache = 0,
    /// <summary>The index has the record but not the binary, and it is not an external: installing needs it built.</summary>
    NotInCache = 1,
    /// <summary>An external (a system package or compiler): found on the machine, never in a build cache.</summary>
    External = 2,
    /// <summary>No record of the index has the hash: the index does not say what it is.</summary>
    Missing = 3,
}
