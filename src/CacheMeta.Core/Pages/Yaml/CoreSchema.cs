using System.Text.RegularExpressions;

namespace CacheMeta.Pages.Yaml;

/// <summary>Resolves plain (unquoted) scalars as the YAML 1.2 core schema does.</summary>
internal static class CoreSchema
{
    private static readonly Regex Integer = new(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant);

    private static readonly Regex Float = new(
        @"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
        RegexOptions.CultureInvariant);

    public static ScalarKind Resolve(string text)
    {
        switch (text)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarKind.Null;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
                return ScalarKind.Bool;
        }

        char c = text[0];
        bool mayBeNumber = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
        if (!mayBeNumber)
        {
            return ScalarKind.String;
        }

        if (Integer.IsMatch(text))
        {
            return ScalarKind.Integer;
        }

        return Float.IsMatch(text) ? ScalarKind.Float : ScalarKind.String;
    }
}
