using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CacheMeta.Pages.Yaml;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s with YamlDotNet's event parser. It never builds
/// objects from tags (a <c>!!python/object</c> tag is an error, not an instantiation), keeps aliases as
/// shared references instead of copies, and refuses nesting deeper than <see cref="MaxDepth"/> and more
/// than <see cref="MaxAliases"/> alias uses, so neither a deep file nor an alias bomb can exhaust the stack
/// or memory.
/// </summary>
internal static class YamlTreeReader
{
    public const int MaxDepth = 64;
    public const int MaxAliases = 256;

    /// <summary>No real page has a single value near this long; a longer one is hostile or broken.</summary>
    public const int MaxScalarLength = 1024 * 1024;

    // Tags a page may carry: the core schema's own, which only restate what the value already is.
    private static readonly HashSet<string> AllowedTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!",
    };

    /// <summary>Reads the document; null when it is empty. <paramref name="firstLine"/> is the file line
    /// the text starts on, so positions in errors are file positions.</summary>
    public static YamlNode? Read(string text, string path, int firstLine = 1)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var open = new Stack<YamlNode>();
        var pendingKeys = new Stack<YamlScalar?>();
        YamlNode? root = null;
        int aliases = 0;
        int lineShift = firstLine - 1;
        int lastLine = firstLine, lastColumn = 1;

        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                int line = (int)current.Start.Line + lineShift;
                int column = (int)current.Start.Column;
                (lastLine, lastColumn) = (line, column);
                YamlNode? node = null;
                switch (current)
                {
                    case Scalar scalar:
                        CheckTag(scalar.Tag.IsEmpty ? null : scalar.Tag.Value, path, line, column);
                        if (scalar.Value.Length > MaxScalarLength)
                        {
                            throw new CacheMetaException(ErrorIds.InvalidCachePage, CacheErrorKind.LimitsExceeded,
                                $"A value of {scalar.Value.Length:N0} characters is longer than the {MaxScalarLength:N0}-character limit for one value.",
                                path, line, column);
                        }

                        node = new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, line, column);
                        Remember(scalar, node, anchors);
                        break;
                    case SequenceStart start:
                        CheckTag(start.Tag.IsEmpty ? null : start.Tag.Value, path, line, column);
                        CheckDepth(open.Count, path, line, column);
                        var sequence = new YamlSequence(line, column);
                        Remember(start, sequence, anchors);
                        open.Push(sequence);
                        pendingKeys.Push(null);
                        continue;
                    case MappingStart start:
                        CheckTag(start.Tag.IsEmpty ? null : start.Tag.Value, path, line, column);
                        CheckDepth(open.Count, path, line, column);
                        var mapping = new YamlMapping(line, column);
                        Remember(start, mapping, anchors);
                        open.Push(mapping);
                        pendingKeys.Push(null);
                        continue;
                    case SequenceEnd:
                    case MappingEnd:
                        node = open.Pop();
                        pendingKeys.Pop();
                        break;
                    case AnchorAlias alias:
                        if (++aliases > MaxAliases)
                        {
                            throw new CacheMetaException(ErrorIds.InvalidCachePage, CacheErrorKind.LimitsExceeded,
                                $"The YAML uses more than {MaxAliases} aliases; alias expansion is limited.", path, line, column);
                        }

                        if (!anchors.TryGetValue(alias.Value.Value, out node))
                        {
                            throw PageErrors.Invalid(path, $"The YAML alias '*{alias.Value.Value}' names no anchor.", line, column);
                        }

                        break;
                    default:
                        continue; // stream and document boundaries
                }

                if (open.Count == 0)
                {
                    root ??= node;
                    continue;
                }

                Attach(open.Peek(), pendingKeys, node!, path);
            }
        }
        catch (YamlException ex)
        {
            throw PageErrors.Invalid(path, "The front matter is not valid YAML: " + Clean(ex.Message),
                (int)ex.Start.Line + lineShift, (int)ex.Start.Column);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (found by fuzzing); the fault lies
            // after the last event it parsed.
            throw PageErrors.Invalid(path, "The front matter is not valid YAML (the parser stopped: " + ex.Message + ")",
                lastLine, lastColumn);
        }

        return root;
    }

    private static void Attach(YamlNode parent, Stack<YamlScalar?> pendingKeys, YamlNode node, string path)
    {
        if (parent is YamlSequence sequence)
        {
            sequence.Items.Add(node);
            return;
        }

        var mapping = (YamlMapping)parent;
        YamlScalar? key = pendingKeys.Pop();
        if (key is null)
        {
            if (node is not YamlScalar scalarKey)
            {
                throw PageErrors.Invalid(path, $"A mapping key is {node.Describe()}; CacheMeta reads only scalar keys.",
                    node.Line, node.Column);
            }

            pendingKeys.Push(scalarKey);
            return;
        }

        mapping.Entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, node));
        pendingKeys.Push(null);
    }

    private static void Remember(NodeEvent e, YamlNode node, Dictionary<string, YamlNode> anchors)
    {
        if (!e.Anchor.IsEmpty)
        {
            anchors[e.Anchor.Value] = node;
        }
    }

    private static void CheckTag(string? tag, string path, int line, int column)
    {
        if (tag is not null && !AllowedTags.Contains(tag))
        {
            throw new CacheMetaException(ErrorIds.InvalidCachePage, CacheErrorKind.InvalidData,
                $"The YAML tag '{tag}' is not supported; CacheMeta reads plain data only and never instantiates tagged objects.",
                path, line, column);
        }
    }

    private static void CheckDepth(int depth, string path, int line, int column)
    {
        if (depth >= MaxDepth)
        {
            throw new CacheMetaException(ErrorIds.InvalidCachePage, CacheErrorKind.LimitsExceeded,
                $"The YAML nests deeper than {MaxDepth} levels.", path, line, column);
        }
    }

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; CacheMeta states the position itself.
    private static string Clean(string message)
    {
        int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(cut + 3) : message;
    }
}
