using System;
using System.Text;

namespace CacheMeta.Query.Spec;

/// <summary>
/// Builds the InvalidSpecSyntax error: the reason, then the spec and a caret line under the offending
/// characters, as Spack shows its own spec errors, so the user sees where to look without counting columns.
/// </summary>
internal static class SpecSyntaxError
{
    /// <summary>An error about <paramref name="length"/> characters at 0-based <paramref name="start"/> of <paramref name="spec"/>.</summary>
    public static CacheMetaException At(string spec, int start, int length, string reason)
    {
        start = Math.Max(0, Math.Min(start, spec.Length));
        length = Math.Max(1, Math.Min(length, Math.Max(1, spec.Length - start)));
        // Tabs and line breaks would shift the caret line: show them as spaces.
        var shown = new StringBuilder(spec.Length);
        foreach (char c in spec)
        {
            shown.Append(char.IsControl(c) ? ' ' : c);
        }

        string message = $"The spec is not valid at column {start + 1}: {reason}" + Environment.NewLine
            + "  " + shown + Environment.NewLine
            + "  " + new string(' ', start) + new string('^', length);
        return new CacheMetaException(ErrorIds.InvalidSpecSyntax, CacheErrorKind.InvalidArgument, message, column: start + 1)
        {
            Subject = spec,
        };
    }
}
