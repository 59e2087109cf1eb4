using System.Collections.Concurrent;
using CacheMeta.Sources;

namespace CacheMeta.Binaries;

/// <summary>
/// Reports from the pool's threads, kept until the caller's thread passes them on (<see cref="Drain"/>), so a cmdlet's
/// streams are only ever written from its own thread. Progress is the caller's business (it counts items or bytes
/// itself), so only the latest of each activity would matter: it is dropped.
/// </summary>
internal sealed class QueuedObserver : ISourceObserver
{
    private readonly ConcurrentQueue<(bool Warning, string Message)> _messages = new();

    public void Warning(string message) => _messages.Enqueue((true, message));

    public void Verbose(string message) => _messages.Enqueue((false, message));

    public void Progress(SourceProgress progress)
    {
    }

    /// <summary>Passes every report kept so far to <paramref name="target"/>, in the order they came.</summary>
    public void Drain(ISourceObserver target)
    {
        while (_messages.TryDequeue(out var message))
        {
            if (message.Warning)
            {
                target.Warning(message.Message);
            }
            else
            {
                target.Verbose(message.Message);
            }
        }
    }
}
