using System.Collections.Generic;
using System.Management.Automation;

namespace CacheMeta.Commands.Selection;

/// <summary>
/// Resolves the paths of a command line to file system paths: for a cmdlet through its session's providers
/// (<see cref="CmdletPaths"/>), for tab completion through the runspace it completes in (<see cref="CompletionPaths"/>).
/// </summary>
internal interface IPathResolver
{
    /// <summary>The file system paths of <paramref name="paths"/> (wildcards expanded unless literal) that exist; the others go to <paramref name="errors"/>.</summary>
    IReadOnlyList<string> Resolve(IReadOnlyList<string> paths, bool literal, ICollection<ErrorRecord> errors);

    /// <summary>A path taken against the current location, whether or not it exists.</summary>
    string Unresolved(string path);
}
