using System;
using System.Management.Automation;
using System.Threading;
using CacheMeta.Commands.Internal;

namespace CacheMeta.Commands;

/// <summary>
/// What every CacheMeta cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, so long
/// reads stop promptly, and the mapping from engine errors to ErrorRecords, with many errors of one kind
/// summarised (<see cref="ErrorSummary"/>): a cmdlet that overrides EndProcessing calls the base at its end.
/// </summary>
public abstract class CacheCommandBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ErrorSummary _errors = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Writes a non-terminating error for one failed item.</summary>
    protected void WriteCacheError(CacheMetaException error, object? target = null) => WriteSummarisedError(ErrorRecords.From(error, target));

    /// <summary>Writes a non-terminating error, unless many of its id were written already (then it is counted).</summary>
    private protected void WriteSummarisedError(ErrorRecord record)
    {
        if (_errors.Admit(record))
        {
            WriteError(record);
        }
    }

    /// <summary>Says how many errors of each id were left out.</summary>
    protected override void EndProcessing() => _errors.Write(this);

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
