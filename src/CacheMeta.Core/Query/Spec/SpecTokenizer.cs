using System.Collections.Generic;
using System.Text;

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
    /// <summary><c>^</c>: a dependency, which cache pages do not record.</summary>
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
}

/// <summary>
/// Splits a spec string into tokens, following the lexical rules of Spack's spec syntax: names may hold
/// <c>-</c>, so <c>-v</c> is a variant only where a token starts (after a space); whitespace is allowed
/// inside a version list around commas and after a variant sigil; values may be quoted. CacheMeta adds
/// <c>*</c> and <c>?</c> wildcards to names, as its other filters take them.
/// </summary>
internal sealed class SpecTokenizer
{
    private readonly string _text;
    private int _at;

    private SpecTokenizer(string text) => _text = text;

    /// <summary>The tokens of <paramref name="text"/>; throws InvalidSpecSyntax at the first character that fits no token.</summary>
    public static List<SpecToken> Tokenize(string text)
    {
        var tokenizer = new SpecTokenizer(text);
        var tokens = new List<SpecToken>();
        while (tokenizer.Next() is { } token)
        {
            tokens.Add(token);
        }

        return tokens;
    }

    private SpecToken? Next()
    {
        SkipSpace();
        if (_at >= _text.Length)
        {
            return null;
        }

        int start = _at;
        switch (_text[_at])
        {
            case '^':
                _at++;
                return new SpecToken(SpecTokenKind.Dependency, start, _at, "^");
            case '%':
                return Compiler();
            case '@':
                _at++;
                int versionStart = SkipSpace();
                string versions = VersionList();
                return new SpecToken(SpecTokenKind.Version, start, _at, versions) { ValueStart = versionStart };
            case '+':
            case '~':
            case '-':
                return BoolVariant();
            case '/':
                _at++;
                string hash = Run(IsHashChar);
                if (hash.Length == 0)
                {
                    throw Error(start, 1, "A hash prefix is expected after '/'.");
                }

                return new SpecToken(SpecTokenKind.Hash, start, _at, hash);
            default:
                if (IsNameStart(_text[_at]))
                {
                    return NameOrKeyValue();
                }

                throw Error(start, 1, $"The character '{_text[_at]}' is not part of Spack's spec syntax.");
        }
    }

    // %gcc@13, %%gcc, %c,cxx=gcc@13, %[virtuals=c,cxx] gcc@13
    private SpecToken Compiler()
    {
        int start = _at++;
        if (Peek(0) == '%')
        {
            _at++;
        }

        SkipSpace();
        if (Peek(0) == '[')
        {
            EdgeAttributes();
            SkipSpace();
        }

        int nameStart = _at;
        string name = Run(IsIdentifierChar);
        if (name.Length > 0 && (Peek(0) == ',' || (Peek(0) == '=' && Peek(1) != '=')))
        {
            // A virtual assignment, c,cxx=gcc: the identifiers before '=' are virtuals, the compiler follows.
            while (Peek(0) == ',')
            {
                _at++;
                if (Run(IsIdentifierChar).Length == 0)
                {
                    throw Error(_at - 1, 1, "A virtual name (c, cxx, fortran) is expected after ','.");
                }
            }

            if (Peek(0) != '=')
            {
                throw Error(_at < _text.Length ? _at : _text.Length - 1, 1, "'=' and a compiler are expected after the virtuals.");
            }

            _at++;
            nameStart = _at;
            name = Run(IsIdentifierChar);
        }

        if (name.Length == 0)
        {
            throw Error(start, _at - start + 1, "A compiler name is expected after '%'.");
        }

        if (Peek(0) == '.')
        {
            throw Error(nameStart, name.Length + 1, "Namespaces are not recorded in cache pages; write the compiler's name alone.");
        }

        string? version = null;
        int versionStart = 0;
        if (Peek(0) == '@')
        {
            _at++;
            versionStart = SkipSpace();
            version = VersionList();
        }

        return new SpecToken(SpecTokenKind.Compiler, start, _at, name) { Value = version, ValueStart = versionStart };
    }

    // [virtuals=c,cxx deptypes=build]: which virtuals the compiler provides; pages record no edges, so
    // they are read and checked but do not constrain anything.
    private void EdgeAttributes()
    {
        int open = _at++;
        while (true)
        {
            SkipSpace();
            if (Peek(0) == ']')
            {
                _at++;
                return;
            }

            int keyStart = _at;
            string key = Run(IsIdentifierChar);
            if (key.Length == 0 || Peek(0) != '=')
            {
                throw Error(_at < _text.Length ? _at : open, 1, "Edge attributes are written [virtuals=c,cxx] and end with ']'.");
            }

            if (key != "virtuals" && key != "deptypes")
            {
                throw Error(keyStart, key.Length, $"The edge attribute '{key}' is not supported; cache pages record only the compiler.");
            }

            _at++;
            if (Run(c => IsIdentifierChar(c) || c == ',').Length == 0)
            {
                throw Error(keyStart, _at - keyStart, $"A value is expected after '{key}='.");
            }
        }
    }

    private SpecToken BoolVariant()
    {
        int start = _at;
        char sigil = _text[_at++];
        if (Peek(0) == sigil)
        {
            _at++; // ++v, ~~v, --v propagate to dependencies; a record describes one node, so they read as +v, ~v
        }

        SkipSpace();
        int nameStart = _at;
        string name = Run(IsNameChar);
        if (name.Length == 0 || !IsNameStart(name[0]))
        {
            throw Error(start, System.Math.Max(1, _at - start), $"A variant name is expected after '{sigil}'.");
        }

        return new SpecToken(SpecTokenKind.BoolVariant, start, _at, name) { Flag = sigil == '+', ValueStart = nameStart };
    }

    private SpecToken NameOrKeyValue()
    {
        int start = _at;
        string name = Run(IsNameChar);
        bool exact = Peek(0) == ':' && Peek(1) == '=';
        if (Peek(0) != '=' && !exact)
        {
            if (name.IndexOf('.') >= 0)
            {
                throw Error(start, name.Length, "Namespaces (builtin.zlib) are not recorded in cache pages; write the package name alone.");
            }

            return new SpecToken(SpecTokenKind.Name, start, _at, name);
        }

        _at += exact ? 2 : 1;
        if (Peek(0) == '=')
        {
            _at++; // key==value propagates; read as key=value
        }

        int valueStart = _at;
        string value = Peek(0) is '"' or '\'' ? Quoted() : Run(IsValueChar);
        if (value.Length == 0)
        {
            throw Error(start, _at - start + 1, $"A value is expected after '{name}{(exact ? ":=" : "=")}'.");
        }

        return new SpecToken(SpecTokenKind.KeyValue, start, _at, name) { Value = value, ValueStart = valueStart, Flag = exact };
    }

    private string Quoted()
    {
        int start = _at;
        char quote = _text[_at++];
        var value = new StringBuilder();
        while (_at < _text.Length && _text[_at] != quote)
        {
            if (_text[_at] == '\\' && Peek(1) == quote)
            {
                _at++;
            }

            value.Append(_text[_at++]);
        }

        if (_at >= _text.Length)
        {
            throw Error(start, _text.Length - start, $"The quoted value has no closing {quote}.");
        }

        _at++;
        return value.ToString();
    }

    // A version list may have spaces around its commas (@1.2, 1.4); any other space ends it.
    private string VersionList()
    {
        var list = new StringBuilder();
        while (_at < _text.Length)
        {
            char c = _text[_at];
            if (IsVersionChar(c))
            {
                list.Append(c);
                _at++;
            }
            else if (char.IsWhiteSpace(c))
            {
                int next = _at;
                while (next < _text.Length && char.IsWhiteSpace(_text[next]))
                {
                    next++;
                }

                bool joinsComma = (list.Length > 0 && list[list.Length - 1] == ',') || (next < _text.Length && _text[next] == ',');
                if (!joinsComma)
                {
                    break;
                }

                _at = next;
            }
            else
            {
                break;
            }
        }

        if (list.Length == 0)
        {
            throw Error(_at < _text.Length ? _at : _text.Length - 1, 1, "A version is expected after '@'.");
        }

        return list.ToString();
    }

    private int SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }

        return _at;
    }

    private string Run(System.Func<char, bool> accept)
    {
        int start = _at;
        while (_at < _text.Length && accept(_text[_at]))
        {
            _at++;
        }

        return _text.Substring(start, _at - start);
    }

    private char Peek(int offset) => _at + offset < _text.Length ? _text[_at + offset] : '\0';

    private CacheMetaException Error(int start, int length, string reason) => SpecSyntaxError.At(_text, start, length, reason);

    private static bool IsLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    private static bool IsIdentifierChar(char c) => IsLetterOrDigit(c) || c == '_' || c == '-' || c == '*' || c == '?';

    private static bool IsNameStart(char c) => IsLetterOrDigit(c) || c == '_' || c == '*' || c == '?';

    private static bool IsNameChar(char c) => IsIdentifierChar(c) || c == '.';

    private static bool IsHashChar(char c) => IsLetterOrDigit(c);

    private static bool IsVersionChar(char c) => IsLetterOrDigit(c) || c is '_' or '.' or '-' or ':' or '=' or ',';

    // What Spack accepts unquoted after '=' (plus '?', a wildcard here).
    private static bool IsValueChar(char c) =>
        IsLetterOrDigit(c) || c is '_' or '-' or '+' or '*' or '?' or '.' or ',' or ':' or '=' or '%' or '^' or '~' or '/' or '\\';
}
