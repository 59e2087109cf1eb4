using System;
using System.Management.Automation;
using System.Threading;
using CacheMeta.Commands.Internal;

namespace CacheMeta.Commands;

/// <summary>
/// What every CacheMeta cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, so long
/// reads stop promptly, and the mapping from engine errors to ErrorRecords.
/// </summary>
public abstract class CacheCommandBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Writes a non-terminating error for one failed item.</summary>
    protected void WriteCacheError(CacheMetaException error, object? target = null) =>
        WriteError(ErrorRecords.From(error, target));

    /// <summary>Stops the cmdlet with an error when nothing can go on.</summary>
    protected void ThrowCacheError(CacheMetaException error, object? target = null) =>
        ThrowTerminatingError(ErrorRecords.From(error, target));

    /// <inheritdoc />
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>Releases the cancellation source (PowerShell calls this when the pipeline ends, even when stopped early).</summary>
    public void Dispose()
    {
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }
}
