using System.Collections.Generic;

namespace CacheMeta.Query.Spec;

/// <summary>
/// Splits a spec string into tokens, following the lexical rules of Spack's spec syntax: names may hold
/// <c>-</c>, so <c>-v</c> is a variant only where a token starts (after a space); whitespace is allowed
/// inside a version list around commas and after a variant sigil; values may be quoted. CacheMeta adds
/// <c>*</c> and <c>?</c> wildcards to names, as its other filters take them.
/// </summary>
internal sealed class SpecTokenizer
{
    private readonly SpecCursor _c;

    private SpecTokenizer(string text) => _c = new SpecCursor(text);

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
        _c.SkipSpace();
        if (_c.AtEnd)
        {
            return null;
        }

        int start = _c.At;
        switch (_c.Text[_c.At])
        {
            case '^':
                return SpecEdges.Dependency(_c);
            case '%':
                return Compiler();
            case '@':
                _c.At++;
                int versionStart = _c.SkipSpace();
                string versions = _c.VersionList();
                return new SpecToken(SpecTokenKind.Version, start, _c.At, versions) { ValueStart = versionStart };
            case '+':
            case '~':
            case '-':
                return BoolVariant();
            case '/':
                _c.At++;
                string hash = _c.Run(SpecChars.IsHashChar);
                if (hash.Length == 0)
                {
                    throw _c.Error(start, 1, "A hash prefix is expected after '/'.");
                }

                return new SpecToken(SpecTokenKind.Hash, start, _c.At, hash);
            default:
                if (SpecChars.IsNameStart(_c.Text[_c.At]))
                {
                    return NameOrKeyValue();
                }

                throw _c.Error(start, 1, $"The character '{_c.Text[_c.At]}' is not part of Spack's spec syntax." + SpackSyntaxHint.ForSpec(_c.Text));
        }
    }

    // %gcc@13, %%gcc, %c,cxx=gcc@13, %[virtuals=c,cxx] gcc@13
    private SpecToken Compiler()
    {
        int start = _c.At++;
        if (_c.Peek(0) == '%')
        {
            _c.At++;
        }

        _c.SkipSpace();
        if (_c.Peek(0) == '[')
        {
            SpecEdges.Attributes(_c, new SpecToken(SpecTokenKind.Compiler, start, start, "%"), compiler: true);
            _c.SkipSpace();
        }

        int nameStart = _c.At;
        string name = _c.Run(SpecChars.IsIdentifierChar);
        if (name.Length > 0 && (_c.Peek(0) == ',' || (_c.Peek(0) == '=' && _c.Peek(1) != '=')))
        {
            // A virtual assignment, c,cxx=gcc: the identifiers before '=' are virtuals, the compiler follows.
            while (_c.Peek(0) == ',')
            {
                _c.At++;
                if (_c.Run(SpecChars.IsIdentifierChar).Length == 0)
                {
                    throw _c.Error(_c.At - 1, 1, "A virtual name (c, cxx, fortran) is expected after ','.");
                }
            }

            if (_c.Peek(0) != '=')
            {
                throw _c.Error(_c.At < _c.Text.Length ? _c.At : _c.Text.Length - 1, 1, "'=' and a compiler are expected after the virtuals.");
            }

            _c.At++;
            nameStart = _c.At;
            name = _c.Run(SpecChars.IsIdentifierChar);
        }

        if (name.Length == 0)
        {
            throw _c.Error(start, _c.At - start + 1, "A compiler name is expected after '%'.");
        }

        if (_c.Peek(0) == '.')
        {
            throw _c.Error(nameStart, name.Length + 1, "Namespaces are not recorded in cache pages; write the compiler's name alone.");
        }

        string? version = null;
        int versionStart = 0;
        if (_c.Peek(0) == '@')
        {
            _c.At++;
            versionStart = _c.SkipSpace();
            version = _c.VersionList();
        }

        return new SpecToken(SpecTokenKind.Compiler, start, _c.At, name) { Value = version, ValueStart = versionStart };
    }

    private SpecToken BoolVariant()
    {
        int start = _c.At;
        char sigil = _c.Text[_c.At++];
        if (_c.Peek(0) == sigil)
        {
            _c.At++; // ++v, ~~v, --v propagate to dependencies; a record describes one node, so they read as +v, ~v
        }

        _c.SkipSpace();
        int nameStart = _c.At;
        string name = _c.Run(SpecChars.IsNameChar);
        if (name.Length == 0 || !SpecChars.IsNameStart(name[0]))
        {
            throw _c.Error(start, System.Math.Max(1, _c.At - start), $"A variant name is expected after '{sigil}'.");
        }

        return new SpecToken(SpecTokenKind.BoolVariant, start, _c.At, name) { Flag = sigil == '+', ValueStart = nameStart };
    }

    private SpecToken NameOrKeyValue()
    {
        int start = _c.At;
        string name = _c.Run(SpecChars.IsNameChar);
        bool exact = _c.Peek(0) == ':' && _c.Peek(1) == '=';
        if (_c.Peek(0) != '=' && !exact)
        {
            if (name.IndexOf('.') >= 0)
            {
                throw _c.Error(start, name.Length, "Namespaces (builtin.zlib) are not recorded in cache pages; write the package name alone.");
            }

            return new SpecToken(SpecTokenKind.Name, start, _c.At, name);
        }

        _c.At += exact ? 2 : 1;
        if (_c.Peek(0) == '=')
        {
            _c.At++; // key==value propagates; read as key=value
        }

        int valueStart = _c.At;
        string value = _c.Peek(0) is '"' or '\'' ? _c.Quoted() : _c.Run(SpecChars.IsValueChar);
        if (value.Length == 0)
        {
            throw _c.Error(start, _c.At - start + 1, $"A value is expected after '{name}{(exact ? ":=" : "=")}'.");
        }

        return new SpecToken(SpecTokenKind.KeyValue, start, _c.At, name) { Value = value, ValueStart = valueStart, Flag = exact };
    }
}
