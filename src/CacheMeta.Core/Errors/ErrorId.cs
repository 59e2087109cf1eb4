using System;

namespace CacheMeta;

/// <summary>
/// One failure a script can test for, such as <c>InvalidCachePage</c>: the ErrorId of CacheMeta's ErrorRecords
/// (<c>$_.FullyQualifiedErrorId</c> starts with its <see cref="Name"/>). Only <see cref="ErrorIds"/> declares
/// them, and a <see cref="CacheMetaException"/> takes one rather than a string, so the compiler sees to it that
/// every id the module reports is declared (and listed in <see cref="ErrorIds.All"/>).
/// </summary>
public sealed class ErrorId : IEquatable<ErrorId>
{
    // Internal, and called by ErrorIds alone: an id is declared there with its documentation.
    internal ErrorId(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The id as ErrorRecords carry it: <c>InvalidCachePage</c>.</summary>
    public string Name { get; }

    /// <summary>Whether two ids are the same (by name).</summary>
    public static bool operator ==(ErrorId? a, ErrorId? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Whether two ids differ.</summary>
    public static bool operator !=(ErrorId? a, ErrorId? b) => !(a == b);

    /// <inheritdoc />
    public bool Equals(ErrorId? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ErrorId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
