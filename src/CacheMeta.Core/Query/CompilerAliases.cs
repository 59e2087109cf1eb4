using System;

namespace CacheMeta.Query;

/// <summary>
/// Compiler names that mean the same compiler in different Spack generations. Spack 1.x made compilers
/// ordinary packages and renamed some of them (<c>oneapi</c> became <c>intel-oneapi-compilers</c>,
/// <c>clang</c> became <c>llvm</c>), and the site's pages show both spellings: G6 pages write
/// <c>oneapi@=2024.2.1</c>, G7 pages <c>intel-oneapi-compilers@2024.2.1</c>. Asking for either finds both.
/// </summary>
internal static class CompilerAliases
{
    // Legacy compiler name -> Spack 1.x package name.
    private static readonly string[,] Pairs =
    {
        { "oneapi", "intel-oneapi-compilers" },
        { "clang", "llvm" },
        { "rocmcc", "llvm-amdgpu" },
        { "intel", "intel-oneapi-compilers-classic" },
        { "arm", "acfl" },
    };

    /// <summary>The one name a compiler is compared by: the Spack 1.x package name, lower case.</summary>
    public static string Canonical(string name)
    {
        for (int i = 0; i < Pairs.GetLength(0); i++)
        {
            if (string.Equals(name, Pairs[i, 0], StringComparison.OrdinalIgnoreCase))
            {
                return Pairs[i, 1];
            }
        }

        return name.ToLowerInvariant();
    }

    /// <summary>True when both names denote the same compiler (case-insensitive, aliases folded).</summary>
    public static bool SameName(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);
}
