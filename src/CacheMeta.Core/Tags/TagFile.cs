using System.Text;
using CacheMeta.IO;
using CacheMeta.Text;

namespace CacheMeta.Tags;

/// <summary>Reads a small text file (a tag list, a CPU description) whole as strict UTF-8, with a size cap and errors that name the file.</summary>
internal static class TagFile
{
    /// <summary>Tag lists are a few kilobytes; anything past this is not one.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    public static string ReadText(string path, ErrorId invalidId, string what = "a tag list")
    {
        byte[] bytes = SmallFile.ReadBytes(path, MaxBytes, invalidId, what);
        try
        {
            string text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }
        catch (DecoderFallbackException)
        {
            throw new CacheMetaException(invalidId, CacheErrorKind.InvalidData, "The file is not valid UTF-8.", path);
        }
    }
}
