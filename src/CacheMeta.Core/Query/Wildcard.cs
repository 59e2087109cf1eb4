using System;
using System.Collections.Generic;

namespace CacheMeta.Query;

/// <summary>
/// A case-insensitive wildcard pattern with PowerShell's syntax (<c>*</c>, <c>?</c>, <c>[abc]</c>,
/// <c>[a-z]</c>, backtick escapes). Core cannot use PowerShell's WildcardPattern, and the filters need
/// the same behaviour users know from <c>-like</c>.
/// </summary>
internal sealed class Wildcard
{
    private readonly Token[] _tokens;

    /// <summary>Compiles a pattern.</summary>
    public Wildcard(string pattern)
    {
        Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _tokens = Compile(pattern);
        IsLiteral = Array.TrueForAll(_tokens, t => t.Kind == TokenKind.Literal);
        if (IsLiteral)
        {
            Literal = new string(Array.ConvertAll(_tokens, t => t.Char));
        }
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>True when the pattern has no wildcard characters (after escapes are removed).</summary>
    public bool IsLiteral { get; }

    /// <summary>The text a literal pattern matches (escapes removed); null otherwise.</summary>
    public string? Literal { get; }

    /// <summary>True when <paramref name="pattern"/> contains an unescaped <c>*</c>, <c>?</c> or <c>[</c>.</summary>
    public static bool ContainsWildcard(string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '`':
                    i++;
                    break;
                case '*':
                case '?':
                case '[':
                    return true;
            }
        }

        return false;
    }

    /// <summary>A pattern that matches exactly <paramref name="text"/>: its wildcard characters and backticks escaped.</summary>
    public static string Escape(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length + 4);
        foreach (char c in text)
        {
            if (c is '`' or '*' or '?' or '[' or ']')
            {
                escaped.Append('`');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>True when the whole of <paramref name="text"/> matches, ignoring case.</summary>
    public bool IsMatch(string? text)
    {
        if (text is null)
        {
            return false;
        }

        if (Literal is not null)
        {
            return string.Equals(Literal, text, StringComparison.OrdinalIgnoreCase);
        }

        // Classic glob matching: remember the last star and retry from one character further on failure.
        int t = 0, p = 0, starToken = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < _tokens.Length && _tokens[p].Kind != TokenKind.Star && _tokens[p].Matches(text[t]))
            {
                p++;
                t++;
            }
            else if (p < _tokens.Length && _tokens[p].Kind == TokenKind.Star)
            {
                starToken = p++;
                starText = t;
            }
            else if (starToken >= 0)
            {
                p = starToken + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < _tokens.Length && _tokens[p].Kind == TokenKind.Star)
        {
            p++;
        }

        return p == _tokens.Length;
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;

    private static Token[] Compile(string pattern)
    {
        var tokens = new List<Token>(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '`' && i + 1 < pattern.Length)
            {
                tokens.Add(Token.Of(pattern[++i]));
            }
            else if (c == '*')
            {
                if (tokens.Count == 0 || tokens[tokens.Count - 1].Kind != TokenKind.Star)
                {
                    tokens.Add(new Token(TokenKind.Star, '\0', null));
                }
            }
            else if (c == '?')
            {
                tokens.Add(new Token(TokenKind.Any, '\0', null));
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is int close && close > i + 1)
            {
                tokens.Add(new Token(TokenKind.Set, '\0', ParseSet(pattern.Substring(i + 1, close - i - 1))));
                i = close;
            }
            else
            {
                tokens.Add(Token.Of(c));
            }
        }

        return tokens.ToArray();
    }

    // "a-cx" -> ranges (a,c), (x,x), compared in lower case.
    private static (char From, char To)[] ParseSet(string body)
    {
        var ranges = new List<(char, char)>();
        for (int i = 0; i < body.Length; i++)
        {
            char from = char.ToLowerInvariant(body[i]);
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                ranges.Add((from, char.ToLowerInvariant(body[i + 2])));
                i += 2;
            }
            else
            {
                ranges.Add((from, from));
            }
        }

        return ranges.ToArray();
    }

    private enum TokenKind
    {
        Literal,
        Any,
        Star,
        Set,
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, char c, (char From, char To)[]? set)
        {
            Kind = kind;
            Char = c;
            Set = set;
        }

        public TokenKind Kind { get; }

        public char Char { get; }

        public (char From, char To)[]? Set { get; }

        public static Token Of(char c) => new(TokenKind.Literal, c, null);

        public bool Matches(char c)
        {
            switch (Kind)
            {
                case TokenKind.Any:
                    return true;
                case TokenKind.Literal:
                    return c == Char || char.ToLowerInvariant(c) == char.ToLowerInvariant(Char);
                default:
                    char lower = char.ToLowerInvariant(c);
                    foreach (var (from, to) in Set!)
                    {
                        if (lower >= from && lower <= to)
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }
    }
}
