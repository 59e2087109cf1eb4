using System.Globalization;

namespace CacheMeta.Index;

/// <summary>
/// The <c>database.version</c> of a build-cache index and what it means for reading: CacheMeta reads
/// versions 6 to 9 (Spack 0.17 to 1.3). Older ones (<c>5</c>, <c>0.9.3</c>) predate the current record
/// shape; a newer one may change it, so both are refused with the version named rather than misread.
/// </summary>
internal static class DatabaseVersion
{
    /// <summary>The oldest version read.</summary>
    public const int Oldest = 6;

    /// <summary>The newest version read.</summary>
    public const int Newest = 9;

    /// <summary>
    /// From version 8 (Spack 1.0) compilers are build dependencies rather than a node attribute, and
    /// multi-valued variants print as <c>name:=a,b</c>.
    /// </summary>
    public const int CompilersAsDependencies = 8;

    /// <summary>Checks a version as written in an index; throws UnsupportedIndexVersion naming it.</summary>
    public static int Check(string? text, string target)
    {
        if (text is null)
        {
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                "The index has no 'database.version'.", target);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int version)
            && version >= Oldest && version <= Newest)
        {
            return version;
        }

        bool newer = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > Newest;
        string reason = newer
            ? $"The index has database version {text}, newer than the newest CacheMeta reads ({Newest}); a newer CacheMeta may read it."
            : $"The index has database version {text}, older than the oldest CacheMeta reads ({Oldest}, Spack 0.17).";
        throw new CacheMetaException(ErrorIds.UnsupportedIndexVersion, CacheErrorKind.NotImplemented, reason, target);
    }
}
