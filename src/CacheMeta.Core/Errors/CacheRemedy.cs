namespace CacheMeta;

/// <summary>
/// What the user can do about an error, when the answer is a cmdlet parameter. The engine names the remedy and the
/// cmdlet layer words it (Internal/RemedyText.cs), so engine messages never name parameters the engine does not
/// know (code review P13).
/// </summary>
internal enum CacheRemedy
{
    None,

    /// <summary>The network failed and the local cache holds an earlier copy: read it offline.</summary>
    ReadOffline,

    /// <summary>Reading offline was asked for and the local cache has no copy: read once with the network.</summary>
    ReadOnline,

    /// <summary>A page source cannot answer this (no dependencies, no binary locations): read an index.</summary>
    ReadIndex,

    /// <summary>A page is over the size limit: raise the limit.</summary>
    RaisePageLimit,

    /// <summary>A catalog file was given where a tag list was expected.</summary>
    ReadAsCatalog,

    /// <summary>An entry's signature is not valid: keeping it anyway is the user's call.</summary>
    SkipSignatureCheck,
}
