namespace CacheMeta;

/// <summary>Which operating systems' binaries count as running on a host.</summary>
public enum OSCompatibility
{
    /// <summary>Only binaries built for the host's own OS (Spack's default before 1.0, and <c>spack buildcache list</c>'s).</summary>
    Exact,
    /// <summary>On Linux, binaries of any distribution release whose glibc is not newer than the host's (Spack's reuse rule since 1.0).</summary>
    Glibc,
}
