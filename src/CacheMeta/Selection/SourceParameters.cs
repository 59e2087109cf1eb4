using System.Collections;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Pages;

namespace CacheMeta.Commands.Selection;

/// <summary>
/// The source parameters of one command line, as plain values: a cmdlet's bound properties, or what tab completion
/// sees of a command line being typed. <see cref="SourceSelection"/> turns them into the source they name.
/// </summary>
internal sealed class SourceParameters
{
    public string[]? Path { get; set; }

    public string[]? LiteralPath { get; set; }

    public string[]? Catalog { get; set; }

    public string[]? Mirror { get; set; }

    public bool Offline { get; set; }

    public bool CompleteStacks { get; set; }

    public long MaxPageBytes { get; set; } = PageReadOptions.DefaultMaxPageBytes;

    /// <summary>The parameters of a command line being completed; values that are not constants are left out.</summary>
    public static SourceParameters FromBound(IDictionary bound) => new()
    {
        Path = Strings(bound["Path"]),
        LiteralPath = Strings(bound["LiteralPath"]),
        Catalog = Strings(bound["Catalog"]),
        Mirror = Strings(bound["Mirror"]),
    };

    /// <summary>A bound value as strings: completion sees constants only, as a string or an array of them.</summary>
    public static string[]? Strings(object? value)
    {
        var items = value switch
        {
            null => null,
            string s => new[] { s },
            PSObject { BaseObject: string s } => new[] { s },
            IEnumerable list => list.Cast<object?>().Select(o => o is PSObject p ? p.BaseObject : o).OfType<string>().ToArray(),
            _ => null,
        };
        return items is { Length: > 0 } ? items : null;
    }
}
