using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Resolves <c>-Path</c> (wildcards) and <c>-LiteralPath</c> values through PowerShell's providers to file
/// system paths, writing <c>PathNotFound</c> or <c>UnsupportedProvider</c> errors for the ones that fail.
/// </summary>
internal static class PathResolver
{
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
    {
        foreach (string path in paths)
        {
            foreach (string resolved in ResolveOne(cmdlet, path, literal))
            {
                yield return resolved;
            }
        }
    }

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

    private static List<string> ResolveOne(PSCmdlet cmdlet, string path, bool literal)
    {
        var results = new List<string>();
        ProviderInfo provider;
        try
        {
            if (literal)
            {
                results.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
            }
            else
            {
                results.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
            }
        }
        catch (ItemNotFoundException)
        {
            NotFound(cmdlet, path);
            return results;
        }
        catch (System.Management.Automation.DriveNotFoundException)
        {
            NotFound(cmdlet, path);
            return results;
        }

        if (provider.ImplementingType != typeof(FileSystemProvider))
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.UnsupportedProvider, ErrorCategory.InvalidArgument,
                $"'{path}' is not a file system path; CacheMeta reads pages from files and folders.", path));
            results.Clear();
            return results;
        }

        results.RemoveAll(p =>
        {
            bool exists = File.Exists(p) || Directory.Exists(p);
            if (!exists)
            {
                NotFound(cmdlet, p);
            }

            return !exists;
        });

        // A site's _data folder where pages are read finds nothing; say what it holds instead of staying silent.
        if (cmdlet is CacheSourceCommandBase)
        {
            foreach (string folder in results)
            {
                if (Pages.FolderCheck.YamlDataNotPages(folder) is { } reason)
                {
                    cmdlet.WriteWarning(reason);
                }
            }
        }

        return results;
    }

    private static void NotFound(PSCmdlet cmdlet, string path) =>
        cmdlet.WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound,
            new ItemNotFoundException($"Cannot find path '{path}' because it does not exist."), path));
}
