using System;
using System.IO;
using System.Text;

namespace CacheMeta.Tags;

/// <summary>Reads a small data file (a tag list, a catalog, a CPU description) whole, with a size cap and errors that name the file.</summary>
internal static class TagFile
{
    /// <summary>Tag lists and catalogs are a few hundred kilobytes; anything past this is not one.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ReadText(string path, ErrorId invalidId)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new CacheMetaException(invalidId, CacheErrorKind.LimitsExceeded,
                    $"The file is {info.Length:N0} bytes, over the {MaxBytes:N0}-byte limit for a tag list or catalog.", path);
            }

            string text = StrictUtf8.GetString(File.ReadAllBytes(path));
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }
        catch (DecoderFallbackException)
        {
            throw new CacheMetaException(invalidId, CacheErrorKind.InvalidData, "The file is not valid UTF-8.", path);
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
