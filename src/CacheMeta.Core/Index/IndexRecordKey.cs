namespace CacheMeta.Index;

/// <summary>What every reader of index records checks about a record's key, and how it words a skipped record.</summary>
internal static class IndexRecordKey
{
    /// <summary>Why a record whose key fails <see cref="LooksLikeHash"/> is skipped.</summary>
    public const string NotAHash = "the key is not a DAG hash";

    /// <summary>Spack's hashes are 32 base32 characters; the schema allows word characters. Anything else is not a record key.</summary>
    public static bool LooksLikeHash(string key)
    {
        if (key.Length == 0 || key.Length > 64)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The warning for a record left out.</summary>
    public static string Skipped(string key, string origin, string reason) => $"Skipped the index record '{key}' in {origin}: {reason}.";
}
