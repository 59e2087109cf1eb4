using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CacheMeta;

/// <summary>
/// The read-only list of strings every list property of the model holds (versions, variants, stacks,
/// compilers, ...). It is an ordinary <see cref="IReadOnlyList{T}"/> and <see cref="IList{T}"/>, so
/// PowerShell enumerates, indexes and <c>-join</c>s it as an array and ConvertTo-Json writes it as one;
/// its one addition is <see cref="ToString"/>, the values joined by <c>", "</c>, which is what
/// Export-Csv and string formatting write instead of the type's name.
/// </summary>
public sealed class ValueList : ReadOnlyCollection<string>
{
    /// <summary>The separator <see cref="ToString"/> puts between values; no value of a list holds it.</summary>
    public const string Separator = ", ";

    /// <summary>An empty list.</summary>
    public static readonly ValueList None = new(Array.Empty<string>());

    /// <summary>A list over <paramref name="values"/>, which must not change afterwards (it is not copied).</summary>
    public ValueList(IList<string> values)
        : base(values)
    {
    }

    /// <summary>The values joined by <c>", "</c>: <c>e4s, e4s-neoverse_v1, root</c>.</summary>
    public override string ToString() => string.Join(Separator, Items);

    /// <summary>The same list when it already is one (readers share lists between records), else a copy.</summary>
    internal static ValueList From(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return None;
        }

        if (values is ValueList list)
        {
            return list;
        }

        var copy = new string[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        return new ValueList(copy);
    }
}
