using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace CacheMeta.Pages.Yaml;

/// <summary>
/// Typed access to <see cref="YamlNode"/> values with errors that name the key, what was expected, what was
/// found and where. These rules are the definition of a valid page; the fast JSON path must agree with them.
/// </summary>
internal sealed class YamlValues
{
    private readonly string _path;

    public YamlValues(string path) => _path = path;

    /// <summary>The mapping's entries by key; a repeated key is an error.</summary>
    public Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> Entries(YamlMapping mapping, string where)
    {
        var entries = new Dictionary<string, KeyValuePair<YamlScalar, YamlNode>>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entries.ContainsKey(entry.Key.Value))
            {
                throw Error($"The key '{entry.Key.Value}' appears twice in {where}.", entry.Key);
            }

            entries.Add(entry.Key.Value, entry);
        }

        return entries;
    }

    public YamlMapping Mapping(YamlNode node, string key) =>
        node as YamlMapping ?? throw WrongType(key, "a mapping", node);

    public YamlSequence Sequence(YamlNode node, string key) =>
        node as YamlSequence ?? throw WrongType(key, "a list", node);

    /// <summary>A string value: quoted, or plain text that is not a number, boolean or null. Null reads as null.</summary>
    public string? OptionalString(YamlNode node, string key)
    {
        if (node is YamlScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is YamlScalar { Kind: ScalarKind.String } scalar)
        {
            return scalar.Value;
        }

        throw WrongType(key, "a string", node);
    }

    public string RequiredString(YamlNode node, string key) =>
        OptionalString(node, key) ?? throw WrongType(key, "a string", node);

    /// <summary>Any non-null scalar as its text: header keys such as <c>title</c> and categories.</summary>
    public string? ScalarText(YamlNode node, string key)
    {
        if (node is YamlScalar scalar)
        {
            return scalar.Kind == ScalarKind.Null ? null : scalar.Value;
        }

        throw WrongType(key, "a single value", node);
    }

    /// <summary>A list of strings; null or a missing key reads as an empty list.</summary>
    public IReadOnlyList<string> StringList(YamlNode? node, string key)
    {
        if (node is null || node is YamlScalar { Kind: ScalarKind.Null })
        {
            return ValueList.None;
        }

        var sequence = Sequence(node, key);
        var items = new string[sequence.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = RequiredString(sequence.Items[i], key + " item");
        }

        return new ValueList(items);
    }

    public int Int32(YamlNode node, string key)
    {
        long value = Int64(node, key);
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Error($"The value of '{key}' is out of range.", node);
        }

        return (int)value;
    }

    public long Int64(YamlNode node, string key)
    {
        if (node is YamlScalar { Kind: ScalarKind.Integer } scalar && TryParseInteger(scalar.Value, out long value))
        {
            return value;
        }

        throw WrongType(key, "a whole number", node);
    }

    public CacheMetaException WrongType(string key, string expected, YamlNode found)
    {
        string shown = found is YamlScalar s && s.Kind != ScalarKind.Null ? $"{found.Describe()} ('{Shorten(s.Value)}')" : found.Describe();
        return Error($"The value of '{key}' must be {expected}, not {shown}.", found);
    }

    public CacheMetaException Error(string reason, YamlNode at) => PageErrors.Invalid(_path, reason, at.Line, at.Column);

    private static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            foreach (char c in text.Substring(2))
            {
                if (value > long.MaxValue / 8)
                {
                    return false;
                }

                value = value * 8 + (c - '0');
            }

            return true;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}
