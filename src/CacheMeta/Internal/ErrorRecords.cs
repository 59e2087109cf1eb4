using System.Management.Automation;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Turns the engine's errors into ErrorRecords: its ErrorId, a category from its kind, the file or URL as target.
/// The one place ErrorRecords are made (BannedSymbols.txt bans their constructors elsewhere), so each carries
/// an id declared in <see cref="ErrorIds"/>.
/// </summary>
#pragma warning disable RS0030 // ErrorRecord's constructors: this class is where they may be called
internal static class ErrorRecords
{
    public static ErrorRecord From(CacheMetaException error, object? target = null)
    {
        var record = new ErrorRecord(error, error.ErrorId.Name, Category(error.Kind), target ?? error.Subject ?? error.Target);
        if (RemedyText.For(error.Remedy) is { } remedy)
        {
            // The engine's message names no parameter; the shown message and the recommended action do.
            record.ErrorDetails = new ErrorDetails(error.Message + (error.Message.IndexOf('\n') >= 0 ? System.Environment.NewLine : " ") + remedy) { RecommendedAction = remedy };
        }

        return record;
    }

    public static ErrorRecord Create(ErrorId errorId, ErrorCategory category, string message, object? target) =>
        new(new CacheMetaException(errorId, CacheErrorKind.InvalidArgument, message), errorId.Name, category, target);

    /// <summary>An ErrorRecord for an exception of PowerShell's own, under one of CacheMeta's ids.</summary>
    public static ErrorRecord Create(ErrorId errorId, ErrorCategory category, System.Exception exception, object? target) =>
        new(exception, errorId.Name, category, target);

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
#pragma warning restore RS0030
