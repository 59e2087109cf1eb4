using System;
using System.Collections.Generic;

namespace CacheMeta.Sources;

/// <summary>
/// One item a source read, or the error that took its place. A bad page or index is a value in the stream,
/// not an exception, so one broken file never stops the rest of a tree or catalog. A struct: sources hand out
/// one per spec, and the wrapper must cost nothing beside the spec.
/// </summary>
internal readonly struct SourceResult<T>
    where T : class
{
    private SourceResult(T? value, CacheMetaException? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The item; null when this is an error.</summary>
    public T? Value { get; }

    /// <summary>Why an item could not be read; null when this is an item.</summary>
    public CacheMetaException? Error { get; }

    public static SourceResult<T> Of(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static SourceResult<T> Failed(CacheMetaException error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}

/// <summary>Helpers for streams of <see cref="SourceResult{T}"/>.</summary>
internal static class SourceResults
{
    /// <summary>
    /// The items of <paramref name="items"/> as values, and a <see cref="CacheMetaException"/> thrown while they are
    /// read as one last error value. C# forbids <c>yield return</c> inside a <c>try</c> block that has a
    /// <c>catch</c>, so an iterator cannot catch what the sequence it reads throws and go on yielding; this is the
    /// one place that steps the enumerator by hand to do it.
    /// </summary>
    public static IEnumerable<SourceResult<T>> Catching<T>(IEnumerable<T> items)
        where T : class
    {
        using var enumerator = items.GetEnumerator();
        while (true)
        {
            CacheMetaException? error = null;
            bool more;
            try
            {
                more = enumerator.MoveNext();
            }
            catch (CacheMetaException ex)
            {
                error = ex;
                more = false;
            }

            if (error is not null)
            {
                yield return SourceResult<T>.Failed(error);
            }

            if (!more)
            {
                yield break;
            }

            yield return SourceResult<T>.Of(enumerator.Current);
        }
    }
}
