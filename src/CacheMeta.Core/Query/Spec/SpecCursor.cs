using System;
using System.Text;

namespace CacheMeta.Query.Spec;

/// <summary>
/// A position in a spec string and the character-level reads the tokenizer builds on: spaces, runs of
/// characters, quoted values, version lists. Every error it raises points at the text it was reading.
/// </summary>
internal sealed class SpecCursor
{
    public SpecCursor(string text) => Text = text;

    /// <summary>The whole spec string.</summary>
    public string Text { get; }

    /// <summary>The 0-based position of the next character.</summary>
    public int At { get; set; }

    /// <summary>True when every character has been read.</summary>
    public bool AtEnd => At >= Text.Length;

    /// <summary>A value in single or double quotes, a backslash escaping the quote; the cursor is on the opening quote.</summary>
    public string Quoted()
    {
        int start = At;
        char quote = Text[At++];
        var value = new StringBuilder();
        while (At < Text.Length && Text[At] != quote)
        {
            if (Text[At] == '\\' && Peek(1) == quote)
            {
                At++;
            }

            value.Append(Text[At++]);
        }

        if (At >= Text.Length)
        {
            throw Error(start, Text.Length - start, $"The quoted value has no closing {quote}.");
        }

        At++;
        return value.ToString();
    }

    /// <summary>A version list, which may have spaces around its commas (@1.2, 1.4); any other space ends it.</summary>
    public string VersionList()
    {
        var list = new StringBuilder();
        while (At < Text.Length)
        {
            char c = Text[At];
            if (SpecChars.IsVersionChar(c))
            {
                list.Append(c);
                At++;
            }
            else if (char.IsWhiteSpace(c))
            {
                int next = At;
                while (next < Text.Length && char.IsWhiteSpace(Text[next]))
                {
                    next++;
                }

                bool joinsComma = (list.Length > 0 && list[list.Length - 1] == ',') || (next < Text.Length && Text[next] == ',');
                if (!joinsComma)
                {
                    break;
                }

                At = next;
            }
            else
            {
                break;
            }
        }

        if (list.Length == 0)
        {
            throw Error(At < Text.Length ? At : Text.Length - 1, 1, "A version is expected after '@'." + SpackSyntaxHint.ForSpec(Text));
        }

        return list.ToString();
    }

    /// <summary>Skips whitespace and returns the position after it.</summary>
    public int SkipSpace()
    {
        while (At < Text.Length && char.IsWhiteSpace(Text[At]))
        {
            At++;
        }

        return At;
    }

    /// <summary>Reads the characters <paramref name="accept"/> takes (possibly none).</summary>
    public string Run(Func<char, bool> accept)
    {
        int start = At;
        while (At < Text.Length && accept(Text[At]))
        {
            At++;
        }

        return Text.Substring(start, At - start);
    }

    /// <summary>The character <paramref name="offset"/> places ahead, or NUL past the end.</summary>
    public char Peek(int offset) => At + offset < Text.Length ? Text[At + offset] : '\0';

    /// <summary>An InvalidSpecSyntax error about the given characters of the spec.</summary>
    public CacheMetaException Error(int start, int length, string reason) => SpecSyntaxError.At(Text, start, length, reason);
}
