using System.Runtime.CompilerServices;

namespace CacheMeta.Text;

/// <summary>How the hot parsing loops ask the JIT for fully optimised code at once.</summary>
internal static class Jit
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name (.NET Framework ignores the flag).
    /// A cmdlet reads a tree once: without it the page-parsing loops run as unoptimised tier-0 code for much of
    /// that single run, and a first Get-CacheSpec over a large tree takes twice as long as later ones.
    /// </summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
