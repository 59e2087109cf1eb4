using System;
using System.Text.RegularExpressions;

namespace CacheMeta.Query;

/// <summary>
/// What to suggest when a version or spec is written in another tool's syntax: pip's and conda's
/// <c>&gt;=3.0</c> is Spack's <c>3.0:</c> (in a spec <c>@3.0:</c>), <c>==3.0</c> is <c>=3.0</c> (<c>@=3.0</c>), and
/// <c>gcc&gt;=12</c> in a spec is <c>%gcc@12:</c>. Spack's ranges include both ends, so <c>&gt;3.0</c> and
/// <c>&lt;3.0</c> become <c>3.0:</c> and <c>:3.0</c> too (the hint says so). The engine's messages end with the
/// hint, one sentence, or nothing when the text holds no such operator.
/// </summary>
internal static class SpackSyntaxHint
{
    // An optional name (a package, or a compiler after '%') and '@', an operator, a version.
    private static readonly Regex Comparison = new(
        @"(?<sigil>%)?(?<name>[A-Za-z_][\w.+-]*?)?\s*@?\s*(?<op>>=|=>|<=|=<|==|>|<)\s*(?<version>[\w.+-]+)",
        RegexOptions.CultureInvariant);

    // Compilers a bare name most likely means in a spec ("gcc>=12" asks for binaries built with gcc 12 or later).
    private static readonly string[] CompilerNames =
    {
        "gcc", "clang", "llvm", "apple-clang", "oneapi", "intel", "intel-oneapi-compilers", "nvhpc", "aocc", "cce", "xl", "fj", "msvc", "rocmcc",
    };

    /// <summary>The hint for a version constraint (<c>-Version '&gt;=3.0'</c>); null when there is none.</summary>
    public static string? ForVersion(string constraint) => Hint(constraint, inSpec: false);

    /// <summary>The hint for a spec (<c>-Spec 'hdf5&gt;=1.14'</c>); null when there is none.</summary>
    public static string? ForSpec(string spec) => Hint(spec, inSpec: true);

    private static string? Hint(string text, bool inSpec)
    {
        var match = Comparison.Match(text ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        string op = match.Groups["op"].Value, version = match.Groups["version"].Value, name = match.Groups["name"].Value;
        string range = op switch
        {
            ">=" or "=>" or ">" => version + ":",
            "<=" or "=<" or "<" => ":" + version,
            _ => "=" + version,
        };
        string spack = !inSpec ? range
            : name.Length == 0 ? "@" + range
            : (match.Groups["sigil"].Success || Array.IndexOf(CompilerNames, name.ToLowerInvariant()) >= 0 ? "%" : string.Empty) + name + "@" + range;
        string inclusive = op is ">" or "<" ? " (Spack's ranges include their ends)" : string.Empty;
        return $" Spack writes '{match.Value.Trim()}' as '{spack}'{inclusive}.";
    }
}
