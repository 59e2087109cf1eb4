using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace CacheMeta;

/// <summary>
/// A spec's direct dependencies (<see cref="CacheSpec.Dependencies"/>): a read-only list of
/// <see cref="DependencyEdge"/>s that PowerShell enumerates and indexes as an array, and that ConvertTo-Json writes as
/// an array of small objects (Name, Hash, ShortHash, Types, Virtuals; Types as its number, 2 for Link, 6 for Link and
/// Run, or as its names with <c>-EnumsAsStrings</c>). Its <see cref="ToString"/> is what Export-Csv and string
/// formatting write instead of the type's name: <c>gcc-runtime/abcdefg, zlib-ng/hijklmn</c>.
/// </summary>
public sealed class DependencyList : ReadOnlyCollection<DependencyEdge>
{
    /// <summary>The list of a spec without dependencies, shared.</summary>
    public static readonly DependencyList None = new(System.Array.Empty<DependencyEdge>());

    /// <summary>A list over <paramref name="edges"/>, which must not change afterwards (it is not copied).</summary>
    public DependencyList(IList<DependencyEdge> edges)
        : base(edges)
    {
    }

    /// <summary>Each edge as <c>name/shorthash</c>, joined by <c>", "</c>; empty when the spec has no dependencies.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var edge in Items)
        {
            text.Append(text.Length == 0 ? "" : ValueList.Separator).Append(edge.Name).Append('/').Append(edge.ShortHash);
        }

        return text.ToString();
    }

    /// <summary>The same list when it already is one (a graph's node and its spec record share it), else a list over the edges.</summary>
    internal static DependencyList? From(IReadOnlyList<DependencyEdge>? edges) => edges switch
    {
        null => null,
        DependencyList list => list,
        { Count: 0 } => None,
        IList<DependencyEdge> items => new DependencyList(items),
        _ => new DependencyList(Copy(edges)),
    };

    private static DependencyEdge[] Copy(IReadOnlyList<DependencyEdge> edges)
    {
        var copy = new DependencyEdge[edges.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = edges[i];
        }

        return copy;
    }
}
