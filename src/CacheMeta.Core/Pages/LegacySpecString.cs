using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text.RegularExpressions;

namespace CacheMeta.Pages;

/// <summary>
/// Reads the root node of a concrete spec string as the oldest pages list them, e.g.
/// <c>swig@4.0.2%gcc@7.5.0~jit+utf cflags="-O2" arch=linux-ubuntu18.04-x86_64 ^pcre@8.44...</c>:
/// name, version, compiler, variants and architecture. Dependencies (after <c>^</c>) are not the spec's own.
/// </summary>
internal static class LegacySpecString
{
    // name[@version][%compiler[@version]][variants]; Spack prints the root node in this order.
    private static readonly Regex Head = new(
        @"^(?<name>[A-Za-z0-9_.-]+)(@(?<version>[^%+~\s^]+))?(%(?<cname>[A-Za-z0-9_-]+)(@(?<cversion>[^+~\s^]+))?)?(?<variants>[+~].*)?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex CompilerToken = new(
        @"^%(?<cname>[A-Za-z0-9_-]+)(@(?<cversion>[^+~\s^]+))?(?<variants>[+~].*)?$", RegexOptions.CultureInvariant);

    public sealed class Parsed
    {
        public string Name { get; set; } = "";
        public string? Version { get; set; }
        public string? Compiler { get; set; }
        public string? Platform { get; set; }
        public string? OS { get; set; }
        public string? Target { get; set; }
        public IReadOnlyList<string> Variants { get; set; } = Array.Empty<string>();
    }

    /// <summary>Parses the root node; null when the text does not start like a spec.</summary>
    public static Parsed? Parse(string text)
    {
        var tokens = Tokenize(RootNode(text));
        if (tokens.Count == 0)
        {
            return null;
        }

        var head = Head.Match(tokens[0]);
        if (!head.Success)
        {
            return null;
        }

        var parsed = new Parsed
        {
            Name = head.Groups["name"].Value,
            Version = NullIfEmpty(head.Groups["version"].Value),
            Compiler = head.Groups["cname"].Success
                ? head.Groups["cname"].Value + (head.Groups["cversion"].Success ? "@" + head.Groups["cversion"].Value : "")
                : null,
        };
        var variants = new List<string>();
        AddBooleanVariants(head.Groups["variants"].Value, variants);
        for (int i = 1; i < tokens.Count; i++)
        {
            string token = tokens[i];
            int eq = token.IndexOf('=');
            if (token[0] == '+' || token[0] == '~')
            {
                AddBooleanVariants(token, variants);
            }
            else if (token[0] == '%' && CompilerToken.Match(token) is { Success: true } compiler)
            {
                // Spack 0.2x also prints the compiler apart from the name: "zlib@1.3 %gcc@13 +shared".
                parsed.Compiler = compiler.Groups["cname"].Value + (compiler.Groups["cversion"].Success ? "@" + compiler.Groups["cversion"].Value : "");
                AddBooleanVariants(compiler.Groups["variants"].Value, variants);
            }
            else if (eq > 0)
            {
                string key = token.Substring(0, eq), value = token.Substring(eq + 1);
                switch (key)
                {
                    case "arch":
                        SplitArch(value, parsed);
                        break;
                    case "platform":
                        parsed.Platform = value;
                        break;
                    case "os":
                        parsed.OS = value;
                        break;
                    case "target":
                        parsed.Target = value;
                        break;
                    default:
                        variants.Add(token);
                        break;
                }
            }
        }

        parsed.Variants = new ValueList(variants);
        return parsed;
    }

    // The text before the first " ^" that is not inside quotes.
    private static string RootNode(string text)
    {
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"' || c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == '^' && !quoted)
            {
                return text.Substring(0, i);
            }
        }

        return text;
    }

    // Splits on blanks, keeping quoted values (cflags="-O2 -g") whole and unquoted.
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush(current, tokens);
            }
            else
            {
                current.Append(c);
            }
        }

        Flush(current, tokens);
        return tokens;
    }

    private static void Flush(System.Text.StringBuilder current, List<string> tokens)
    {
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
            current.Clear();
        }
    }

    // "+jit~python+utf" -> +jit, ~python, +utf
    private static void AddBooleanVariants(string text, List<string> variants)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '+' || text[i] == '~')
            {
                if (start >= 0 && i - start > 1)
                {
                    variants.Add(text.Substring(start, i - start));
                }

                start = i;
            }
        }
    }

    // platform-os-target; the OS is whatever lies between the first and last dash.
    private static void SplitArch(string arch, Parsed parsed)
    {
        int first = arch.IndexOf('-'), last = arch.LastIndexOf('-');
        if (first < 0 || first == last)
        {
            parsed.Target = arch;
            return;
        }

        parsed.Platform = arch.Substring(0, first);
        parsed.OS = arch.Substring(first + 1, last - first - 1);
        parsed.Target = arch.Substring(last + 1);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
