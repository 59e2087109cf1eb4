#if NET
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CacheMeta.Commands.Loading;

/// <summary>
/// The load context CacheMeta's engine (CacheMeta.Core) and its third-party dependencies (YamlDotNet) live in
/// on PowerShell 7, so another module's YamlDotNet, loaded first or later, never conflicts with ours.
/// Assemblies not shipped in the Dependencies folder (the runtime, PowerShell) come from the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public DependencyLoadContext(string folder)
        : base("CacheMeta", isCollectible: false)
    {
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
#endif
