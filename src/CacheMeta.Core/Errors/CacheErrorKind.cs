namespace CacheMeta;

/// <summary>
/// What kind of failure a <see cref="CacheMetaException"/> reports. The cmdlet layer maps each kind
/// to a PowerShell ErrorCategory; Core stays free of PowerShell types.
/// </summary>
public enum CacheErrorKind
{
    /// <summary>The input exists but its content is malformed or of the wrong shape.</summary>
    InvalidData,
    /// <summary>A file, folder, URL or key that was asked for does not exist.</summary>
    ObjectNotFound,
    /// <summary>The input is larger or deeper than a configured limit allows.</summary>
    LimitsExceeded,
    /// <summary>The input is well formed but of a version or kind CacheMeta does not support.</summary>
    NotImplemented,
    /// <summary>A source could not be reached (I/O or network failure).</summary>
    ResourceUnavailable,
    /// <summary>Writing would go somewhere it must not (outside the destination folder).</summary>
    SecurityError,
    /// <summary>Writing would replace something the user did not ask to replace.</summary>
    ResourceExists,
    /// <summary>An argument (a query, a spec string) is not valid.</summary>
    InvalidArgument,
    /// <summary>Writing a file failed (I/O error, no permission).</summary>
    WriteError,
}
