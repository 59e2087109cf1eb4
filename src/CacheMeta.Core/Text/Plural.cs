namespace CacheMeta.Text;

/// <summary>A count with the word that agrees with it, for messages: <c>1 entry</c>, <c>2 entries</c>, <c>1,024 bytes</c>.</summary>
internal static class Plural
{
    /// <summary>The count (grouped by thousands) and <paramref name="one"/> or <paramref name="many"/> (default: one + "s").</summary>
    public static string Count(long count, string one, string? many = null) => count.ToString("N0") + " " + (count == 1 ? one : many ?? one + "s");
}
