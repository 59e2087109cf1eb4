using System.Collections.Generic;

namespace CacheMeta.Query.Spec;

/// <summary>The kinds of token in Spack's spec syntax that CacheMeta reads.</summary>
internal enum SpecTokenKind
{
    /// <summary><c>zlib</c>, <c>py-*</c>, <c>*</c>.</summary>
    Name,
    /// <summary><c>@1.2:1.4,=1.7.1</c>: <see cref="SpecToken.Text"/> is the list after the <c>@</c>.</summary>
    Version,
    /// <summary><c>%gcc@13</c>, <c>%c,cxx=gcc@13</c>, <c>%[virtuals=c] gcc</c>: Text is the name, Value the version list.</summary>
    Compiler,
    /// <summary><c>+v</c>, <c>~v</c>, <c>-v</c> (and the propagating <c>++v</c>, <c>~~v</c>, <c>--v</c>): Text is the name.</summary>
    BoolVariant,
    /// <summary><c>key=value</c>, <c>key:=a,b</c>, <c>key==value</c>: Text is the key.</summary>
    KeyValue,
    /// <summary><c>/abc123</c>: Text is the prefix.</summary>
    Hash,
    /// <summary><c>^</c>, <c>^[virtuals=mpi deptypes=link]</c>, <c>^mpi=</c>: a dependency follows; the edge attributes are on the token.</summary>
    Dependency,
}

/// <summary>One token with where it stands in the spec text (0-based), for error carets.</summary>
internal sealed class SpecToken
{
    public SpecToken(SpecTokenKind kind, int start, int end, string text)
    {
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
    }

    public SpecTokenKind Kind { get; }

    public int Start { get; }

    public int End { get; }

    public string Text { get; }

    /// <summary>A key-value pair's value, a compiler's version list; null when there is none.</summary>
    public string? Value { get; set; }

    /// <summary>Where <see cref="Value"/> starts, for carets that point into it.</summary>
    public int ValueStart { get; set; }

    /// <summary>True for <c>+v</c>/<c>++v</c>; for a key-value pair, true when written <c>:=</c> (exactly these values).</summary>
    public bool Flag { get; set; }

    /// <summary>A dependency's edge attributes: the virtuals the edge must provide (<c>^mpi=openmpi</c>, <c>^[virtuals=mpi]</c>).</summary>
    public IReadOnlyList<string> Virtuals { get; set; } = System.Array.Empty<string>();

    /// <summary>A dependency's edge attributes: the types the edge must have (<c>^[deptypes=link]</c>); None for any.</summary>
    public DependencyTypes DependencyTypes { get; set; }
}

/// <summary>Which characters each part of a spec may hold, after Spack's lexer (plus <c>*</c> and <c>?</c> in names).</summary>
internal static class SpecChars
{
    public static bool IsLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    public static bool IsIdentifierChar(char c) => IsLetterOrDigit(c) || c == '_' || c == '-' || c == '*' || c == '?';

    public static bool IsNameStart(char c) => IsLetterOrDigit(c) || c == '_' || c == '*' || c == '?';

    public static bool IsNameChar(char c) => IsIdentifierChar(c) || c == '.';

    public static bool IsHashChar(char c) => IsLetterOrDigit(c);

    public static bool IsVersionChar(char c) => IsLetterOrDigit(c) || c is '_' or '.' or '-' or ':' or '=' or ',';

    // What Spack accepts unquoted after '=' (plus '?', a wildcard here).
    public static bool IsValueChar(char c) =>
        IsLetterOrDigit(c) || c is '_' or '-' or '+' or '*' or '?' or '.' or ',' or ':' or '=' or '%' or '^' or '~' or '/' or '\\';
}
