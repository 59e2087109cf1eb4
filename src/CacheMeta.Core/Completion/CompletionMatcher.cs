using System;
using System.Collections.Generic;
using System.Text;
using CacheMeta.Query;

namespace CacheMeta.Completion;

/// <summary>A value offered for completion: the value itself and the text to insert (quoted where PowerShell needs it).</summary>
internal sealed class CompletionCandidate
{
    internal CompletionCandidate(string value, string completionText)
    {
        Value = value;
        CompletionText = completionText;
    }

    /// <summary>The value, as shown in the completion list.</summary>
    public string Value { get; }

    /// <summary>The text that replaces the word being completed.</summary>
    public string CompletionText { get; }
}

/// <summary>
/// Picks the values that complete a word as PowerShell users expect: case-insensitive, by prefix, with
/// wildcards honoured (<c>e4s*v1</c>), and quoted when a value would not survive as a bare argument (spaces,
/// commas, <c>$</c>, ...). A word the user started with a quote keeps that quote.
/// </summary>
internal static class CompletionMatcher
{
    /// <summary>The candidates among <paramref name="values"/> that complete <paramref name="word"/>, in the order given.</summary>
    public static IReadOnlyList<CompletionCandidate> Complete(IEnumerable<string> values, string? word)
    {
        char quote = QuoteOf(word);
        word = Unquote(word);
        var pattern = new Wildcard(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var matches = new List<CompletionCandidate>();
        foreach (string value in values)
        {
            if (pattern.IsMatch(value) && seen.Add(value))
            {
                matches.Add(new CompletionCandidate(value, Quote(value, quote)));
            }
        }

        return matches;
    }

    /// <summary>The word without the quote the user started it with (and its closing quote, when typed).</summary>
    public static string Unquote(string? word)
    {
        word ??= "";
        char quote = QuoteOf(word);
        if (quote == '\0')
        {
            return word;
        }

        word = word.Substring(1);
        return word.Length > 0 && word[word.Length - 1] == quote ? word.Substring(0, word.Length - 1) : word;
    }

    private static char QuoteOf(string? word) => word is { Length: > 0 } && (word[0] == '\'' || word[0] == '"') ? word[0] : '\0';

    /// <summary>The value as a PowerShell argument: bare when it can be, else in the given quote (single by default).</summary>
    public static string Quote(string value, char quote = '\0')
    {
        if (quote == '\0' && !NeedsQuotes(value))
        {
            return value;
        }

        if (quote == '"')
        {
            var text = new StringBuilder("\"");
            foreach (char c in value)
            {
                if (c is '"' or '`' or '$')
                {
                    text.Append('`');
                }

                text.Append(c);
            }

            return text.Append('"').ToString();
        }

        return "'" + value.Replace("'", "''") + "'";
    }

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || value[0] is '@' or '-' or '#')
        {
            return true;
        }

        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || c is '`' or '$' or '\'' or '"' or ';' or ',' or '(' or ')' or '{' or '}' or '|' or '&' or '<' or '>')
            {
                return true;
            }
        }

        return false;
    }
}
