using System;
using System.IO;

namespace CacheMeta.IO;

/// <summary>
/// Reads a small data file whole (a catalog, a tag list), with a size cap and the errors every reader of such a
/// file reports: PathNotFound for a file that is not there, FileReadFailed for one that cannot be read, and the
/// caller's error id (LimitsExceeded) for one too large to be what it claims.
/// </summary>
internal static class SmallFile
{
    public static byte[] ReadBytes(string path, long maxBytes, ErrorId tooLargeId, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > maxBytes)
            {
                throw new CacheMetaException(tooLargeId, CacheErrorKind.LimitsExceeded,
                    $"The file is {info.Length:N0} bytes, over the {maxBytes:N0}-byte limit for {what}.", path);
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bool missing = ex is FileNotFoundException or DirectoryNotFoundException;
            throw new CacheMetaException(missing ? ErrorIds.PathNotFound : ErrorIds.FileReadFailed,
                missing ? CacheErrorKind.ObjectNotFound : CacheErrorKind.ResourceUnavailable, "The file could not be read: " + ex.Message, path,
                innerException: ex);
        }
    }
}
