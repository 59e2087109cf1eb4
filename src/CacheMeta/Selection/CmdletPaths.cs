using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using CacheMeta.Commands.Internal;
using Microsoft.PowerShell.Commands;

namespace CacheMeta.Commands.Selection;

/// <summary>
/// Resolves <c>-Path</c> (wildcards) and <c>-LiteralPath</c> values through a cmdlet's providers to file system
/// paths; the ones that fail are <c>PathNotFound</c> or <c>UnsupportedProvider</c> errors, handed back for the cmdlet
/// to write (or, with Test-CachePage -Quiet, to count).
/// </summary>
internal sealed class CmdletPaths : IPathResolver
{
    private readonly PSCmdlet _cmdlet;

    public CmdletPaths(PSCmdlet cmdlet) => _cmdlet = cmdlet;

    public IReadOnlyList<string> Resolve(IReadOnlyList<string> paths, bool literal, ICollection<ErrorRecord> errors)
    {
        var resolved = new List<string>();
        foreach (string path in paths)
        {
            resolved.AddRange(ResolveOne(path, literal, errors));
        }

        return resolved;
    }

    public string Unresolved(string path) => _cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>
    /// A folder to write into, taken literally (no wildcards) and relative to the current location; null, with
    /// the reason in <paramref name="error"/>, when it is not a file system path.
    /// </summary>
    public static string? ResolveDestination(PSCmdlet cmdlet, string path, out ErrorRecord? error)
    {
        error = null;
        try
        {
            string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (provider.ImplementingType == typeof(FileSystemProvider))
            {
                var problem = Pages.FolderCheck.FileWhereSiteFolderGoes(resolved);
                error = problem is null ? null : ErrorRecords.From(problem, path);
                return problem is null ? resolved : null;
            }
        }
        catch (System.Management.Automation.DriveNotFoundException)
        {
        }
        catch (ProviderNotFoundException)
        {
        }

        error = ErrorRecords.Create(ErrorIds.UnsupportedProvider, ErrorCategory.InvalidArgument,
            $"'{path}' is not a file system path; CacheMeta writes pages to files and folders.", path);
        return null;
    }

    private List<string> ResolveOne(string path, bool literal, ICollection<ErrorRecord> errors)
    {
        var results = new List<string>();
        ProviderInfo provider;
        try
        {
            if (literal)
            {
                results.Add(_cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
            }
            else
            {
                results.AddRange(_cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
            }
        }
        catch (ItemNotFoundException)
        {
            errors.Add(NotFound(path));
            return results;
        }
        catch (System.Management.Automation.DriveNotFoundException)
        {
            errors.Add(NotFound(path));
            return results;
        }

        if (provider.ImplementingType != typeof(FileSystemProvider))
        {
            errors.Add(ErrorRecords.Create(ErrorIds.UnsupportedProvider, ErrorCategory.InvalidArgument,
                $"'{path}' is not a file system path; CacheMeta reads pages from files and folders.", path));
            results.Clear();
            return results;
        }

        results.RemoveAll(p =>
        {
            bool exists = File.Exists(p) || Directory.Exists(p);
            if (!exists)
            {
                errors.Add(NotFound(p));
            }

            return !exists;
        });

        return results;
    }

    private static ErrorRecord NotFound(string path) =>
        ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound,
            new ItemNotFoundException($"Cannot find path '{path}' because it does not exist."), path);
}
