using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
#if NET
using System.Runtime.Loader;
#endif

namespace CacheMeta.Commands.Loading;

/// <summary>
/// Wires up how the cmdlet assembly finds its engine. The engine and its dependencies sit in a
/// <c>Dependencies</c> folder next to this assembly, where the default loader never looks by itself.
/// On PowerShell 7 the default context's Resolving event answers only for the engine, loading it into
/// a DependencyLoadContext of its own; everything the engine needs then resolves inside that context.
/// On Windows PowerShell 5.1 (no load contexts) AppDomain.AssemblyResolve serves the folder instead.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineName = "CacheMeta.Core";

    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

#if NET
    private static readonly Lazy<DependencyLoadContext> Context = new(() => new DependencyLoadContext(DependencyFolder));

    /// <summary>Called by PowerShell when the module is imported.</summary>
    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
        RegisterEngineTypes();
    }

    // A method of its own: the JIT resolves typeof(CacheSpec) when it compiles the method that names it,
    // which must happen after the Resolving handler above is in place.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RegisterEngineTypes() => TypeAccelerators.Register(typeof(CacheSpec).Assembly);

    /// <summary>Called by PowerShell when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        TypeAccelerators.Unregister();
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineName ? Context.Value.LoadFromAssemblyName(name) : null;
#else
    /// <summary>Called by PowerShell when the module is imported.</summary>
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveFromFolder;

    /// <summary>Called by PowerShell when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromFolder;

    private static Assembly? ResolveFromFolder(object? sender, ResolveEventArgs args)
    {
        string path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
#endif
}
