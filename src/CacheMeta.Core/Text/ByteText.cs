using System.Globalization;

namespace CacheMeta.Text;

/// <summary>A byte count as people read it in a plan or a progress bar: <c>1.2 KB</c>, <c>310.5 MB</c> (one decimal).</summary>
internal static class ByteText
{
    public static string Of(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("N1", CultureInfo.CurrentCulture) + " MB"
        : (bytes / 1024.0).ToString("N1", CultureInfo.CurrentCulture) + " KB";
}
