using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace CacheMeta.Commands.Loading;

/// <summary>
/// PowerShell resolves type names only in assemblies of the default load context, so with the engine
/// isolated, <c>[CacheMeta.CacheSpec]</c> (and <c>-is</c>, <c>Should -BeOfType</c>) would not resolve.
/// Registering the engine's public types as accelerators under their full names makes them nameable again
/// without moving them out of isolation. The accelerator table is not public API: it is reached by reflection
/// and a failure there only costs the type literals, never the module.
/// </summary>
internal static class TypeAccelerators
{
    private static readonly List<string> Added = new();

    public static void Register(Assembly engine)
    {
        var table = Table();
        if (table is null)
        {
            return;
        }

        var existing = table.GetProperty("Get", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Dictionary<string, Type>;
        var add = table.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
        foreach (var type in engine.GetExportedTypes())
        {
            if (type.FullName is { } name && name.StartsWith("CacheMeta.", StringComparison.Ordinal)
                && existing?.ContainsKey(name) != true)
            {
                add?.Invoke(null, new object[] { name, type });
                Added.Add(name);
            }
        }
    }

    public static void Unregister()
    {
        var remove = Table()?.GetMethod("Remove", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
        foreach (string name in Added)
        {
            remove?.Invoke(null, new object[] { name });
        }

        Added.Clear();
    }

    private static Type? Table() => typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
}
