namespace CacheMeta.Commands.Internal;

/// <summary>
/// The progress activity ids of CacheMeta's bars, named and fixed: PowerShell tells bars apart by id, so two
/// bars of one pipeline (Get-CacheSpec | Export-CachePage) must differ, and an id must not change from run to
/// run (string.GetHashCode does). A source's bars (downloads, index reads, folder searches) take ids from
/// <see cref="SourceBars"/> up, one per kind of work, below the next cmdlet's range.
/// </summary>
internal static class ActivityIds
{
    /// <summary>The items a reading cmdlet has found (Get-CacheSpec, Get-CachePackage, ...).</summary>
    public const int Reading = 0x4341_00;

    /// <summary>The first id of the bars of a source being read.</summary>
    public const int SourceBars = Reading + 1;

    /// <summary>Pages written by Export-CachePage.</summary>
    public const int Exporting = 0x4341_10;

    /// <summary>Bytes written by Export-CacheMirror.</summary>
    public const int ExportingMirror = 0x4341_20;
}
