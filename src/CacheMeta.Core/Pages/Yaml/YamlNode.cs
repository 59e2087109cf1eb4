using System.Collections.Generic;

namespace CacheMeta.Pages.Yaml;

/// <summary>
/// A YAML value as CacheMeta sees it: scalar, sequence or mapping, with the line and column where it
/// starts. Deliberately tiny and internal, so no YamlDotNet type ever appears in a public signature.
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>A short description for error messages: "a string", "a list", ...</summary>
    public abstract string Describe();
}

/// <summary>How a scalar resolves under the YAML 1.2 core schema.</summary>
internal enum ScalarKind
{
    String,
    Null,
    Bool,
    Integer,
    Float,
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, bool isPlain, int line, int column)
        : base(line, column)
    {
        Value = value;
        Kind = isPlain ? CoreSchema.Resolve(value) : ScalarKind.String;
    }

    public string Value { get; }

    public ScalarKind Kind { get; }

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "a boolean",
        ScalarKind.Integer => "a number",
        ScalarKind.Float => "a number",
        _ => "a string",
    };
}

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(int line, int column)
        : base(line, column)
    {
    }

    public List<YamlNode> Items { get; } = new();

    public override string Describe() => "a list";
}

internal sealed class YamlMapping : YamlNode
{
    public YamlMapping(int line, int column)
        : base(line, column)
    {
    }

    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = new();

    public override string Describe() => "a mapping";
}
