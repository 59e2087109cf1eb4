using System;

namespace CacheMeta;

/// <summary>
/// Why a spec depends on another, as Spack records it on each edge (<c>deptypes</c>, or <c>type</c> in older
/// indexes): needed to build it, linked into it, needed when it runs, or only to test it. An edge has one or more.
/// </summary>
[Flags]
public enum DependencyTypes
{
    /// <summary>No type recorded.</summary>
    None = 0,
    /// <summary>Needed only while building (compilers, build tools).</summary>
    Build = 1,
    /// <summary>Linked into the dependent: needed where the dependent is installed.</summary>
    Link = 2,
    /// <summary>Needed when the dependent runs.</summary>
    Run = 4,
    /// <summary>Needed only to run the dependent's tests.</summary>
    Test = 8,
}
