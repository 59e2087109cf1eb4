using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Turns a spec node's <c>parameters</c> into variants as Spack prints them and the pages list them:
/// sorted by name; compiler flags left out; <c>+name</c>/<c>~name</c> for booleans; <c>name=value</c> for
/// single values; lists as <c>name=a,b</c> (database 7 and older) or <c>name:=a,b</c> (8 and newer, where
/// Spack marks concrete multi-valued variants as exact) with the values sorted and patch hashes cut to 7
/// characters, as Spack shortens them.
/// </summary>
internal static class VariantRenderer
{
    private const int PatchHashLength = 7;

    /// <summary>The compiler flag keys that share <c>parameters</c> with the variants.</summary>
    public static bool IsCompilerFlag(string name) =>
        name is "cflags" or "cppflags" or "cxxflags" or "fflags" or "ldflags" or "ldlibs";

    /// <summary>Renders the object at the reader (a StartObject token); false when it is not of the parameters shape.</summary>
    public static bool TryRender(ref Utf8JsonReader reader, int databaseVersion, out IReadOnlyList<string> variants)
    {
        variants = Array.Empty<string>();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var entries = new List<KeyValuePair<string, string>>();
        var values = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (IsCompilerFlag(name))
            {
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.True:
                    entries.Add(new(name, "+" + name));
                    break;
                case JsonTokenType.False:
                    entries.Add(new(name, "~" + name));
                    break;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                    entries.Add(new(name, name + "=" + Scalar(ref reader)));
                    break;
                case JsonTokenType.Null:
                    break; // an unset value prints nothing
                case JsonTokenType.StartArray:
                    values.Clear();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                        {
                            return false;
                        }

                        values.Add(Scalar(ref reader));
                    }

                    entries.Add(new(name, List(name, values, databaseVersion)));
                    break;
                default:
                    return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        entries.Sort((a, b) => CodePointComparer.Instance.Compare(a.Key, b.Key));
        var rendered = new string[entries.Count];
        for (int i = 0; i < rendered.Length; i++)
        {
            rendered[i] = entries[i].Value;
        }

        variants = rendered.Length == 0 ? ValueList.None : new ValueList(rendered);
        return true;
    }

    private static string List(string name, List<string> values, int databaseVersion)
    {
        values.Sort(CodePointComparer.Instance);
        var text = new StringBuilder(name);
        text.Append(databaseVersion >= DatabaseVersion.CompilersAsDependencies ? ":=" : "=");
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            string value = values[i];
            text.Append(name == "patches" && value.Length > PatchHashLength ? value.Substring(0, PatchHashLength) : value);
        }

        return text.ToString();
    }

    private static string Scalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
}
