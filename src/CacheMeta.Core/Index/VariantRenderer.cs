using System;
using System.Collections.Generic;
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

    /// <summary>
    /// Renders the object at the reader (a StartObject token over <paramref name="raw"/>); false when it is not of the
    /// parameters shape. Whole parameter objects differ from spec to spec (a patch list, one variant) far more often
    /// than their members do, so each member (<c>"shared": true</c>) is rendered once per distinct bytes in
    /// <paramref name="members"/>, the read's pool.
    /// </summary>
    public static bool TryRender(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw, int databaseVersion, Utf8Pool<Member> members,
        out IReadOnlyList<string> variants)
    {
        variants = Array.Empty<string>();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var entries = new List<Member>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int start = (int)reader.TokenStartIndex;
            var atName = reader; // a copy of the reader is a saved position
            reader.Read();
            reader.Skip();
            var bytes = raw.Slice(start, (int)reader.BytesConsumed - start);
            if (!members.TryGet(bytes, out var member, out int code))
            {
                reader = atName;
                if (Render(ref reader, databaseVersion) is not { } read)
                {
                    return false;
                }

                members.Add(bytes, code, member = read);
            }

            if (member.Text is not null)
            {
                entries.Add(member);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        entries.Sort(ByName);
        var rendered = new string[entries.Count];
        for (int i = 0; i < rendered.Length; i++)
        {
            rendered[i] = entries[i].Text!;
        }

        variants = rendered.Length == 0 ? ValueList.None : new ValueList(rendered);
        return true;
    }

    /// <summary>One member of <c>parameters</c>: its name, and the variant as shown (null for a flag or an unset value).</summary>
    internal sealed class Member
    {
        public Member(string name, string? text)
        {
            Name = name;
            Text = text;
        }

        public string Name { get; }

        public string? Text { get; }
    }

    private static readonly Comparison<Member> ByName = (a, b) => CodePointComparer.Instance.Compare(a.Name, b.Name);

    // The member at the reader (its name); null when its value is not of the parameters shape.
    private static Member? Render(ref Utf8JsonReader reader, int databaseVersion)
    {
        string name = reader.GetString()!;
        reader.Read();
        if (IsCompilerFlag(name))
        {
            reader.Skip();
            return new Member(name, null);
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return new Member(name, "+" + name);
            case JsonTokenType.False:
                return new Member(name, "~" + name);
            case JsonTokenType.String:
            case JsonTokenType.Number:
                return new Member(name, name + "=" + Scalar(ref reader));
            case JsonTokenType.Null:
                return new Member(name, null); // an unset value prints nothing
            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return null;
                    }

                    values.Add(Scalar(ref reader));
                }

                return new Member(name, List(name, values, databaseVersion));
            default:
                return null;
        }
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
