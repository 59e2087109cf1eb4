using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CacheMeta.Commands.Selection;

/// <summary>
/// Resolves the paths of a command line being completed, in the runspace that completes it (Resolve-Path in a
/// nested pipeline: a completer has no cmdlet of its own). It never fails: a path that does not resolve is left
/// out, and tab completion then offers nothing for it.
/// </summary>
internal sealed class CompletionPaths : IPathResolver
{
    public static readonly CompletionPaths Instance = new();

    public IReadOnlyList<string> Resolve(IReadOnlyList<string> paths, bool literal, ICollection<ErrorRecord> errors) =>
        ResolvePath(paths, literal);

    public string Unresolved(string path) => ResolvePath(new[] { path }, literal: true).FirstOrDefault() ?? path;

    private static List<string> ResolvePath(IReadOnlyList<string> paths, bool literal)
    {
        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand("Microsoft.PowerShell.Management\\Resolve-Path")
            .AddParameter(literal ? "LiteralPath" : "Path", paths.ToArray())
            .AddParameter("ErrorAction", ActionPreference.Ignore);
        return ps.Invoke()
            .Select(o => o.BaseObject)
            .OfType<PathInfo>()
            .Where(p => p.Provider.Name == "FileSystem")
            .Select(p => p.ProviderPath)
            .ToList();
    }
}
