namespace CacheMeta;

/// <summary>Splits a compiler as the pages write it (<c>gcc@=13.2.0</c>, <c>gcc@13.2.0</c>,
/// <c>intel-oneapi-compilers@2024.2.1</c>, <c>none</c>) into name and version.</summary>
internal static class CompilerId
{
    public static (string? Name, string? Version) Split(string? compiler)
    {
        if (string.IsNullOrEmpty(compiler) || compiler == "none")
        {
            return (null, null);
        }

        int at = compiler!.IndexOf('@');
        if (at < 0)
        {
            return (compiler, null);
        }

        int versionStart = at + 1 < compiler.Length && compiler[at + 1] == '=' ? at + 2 : at + 1;
        string name = compiler.Substring(0, at);
        string version = compiler.Substring(versionStart);
        return (name.Length == 0 ? null : name, version.Length == 0 ? null : version);
    }
}
