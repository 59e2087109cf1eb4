using System.Management.Automation;

namespace CacheMeta.Commands.Internal;

/// <summary>Turns the engine's errors into ErrorRecords: its ErrorId, a category from its kind, the file or URL as target.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(CacheMetaException error, object? target = null) =>
        new(error, error.ErrorId, Category(error.Kind), target ?? error.Subject ?? error.Target);

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target) =>
        new(new CacheMetaException(errorId, CacheErrorKind.InvalidArgument, message), errorId, category, target);

    public static ErrorCategory Category(CacheErrorKind kind) => kind switch
    {
        CacheErrorKind.InvalidData => ErrorCategory.InvalidData,
        CacheErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        CacheErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        CacheErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        CacheErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        CacheErrorKind.SecurityError => ErrorCategory.SecurityError,
        CacheErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        CacheErrorKind.WriteError => ErrorCategory.WriteError,
        _ => ErrorCategory.InvalidArgument,
    };
}
