using System.Collections.Generic;
using CacheMeta.Sources;

namespace CacheMeta.Tests.Support;

/// <summary>Keeps what a source reports, for assertions.</summary>
internal sealed class RecordingObserver : ISourceObserver
{
    public List<string> Warnings { get; } = new();

    public List<string> Verbose { get; } = new();

    public List<SourceProgress> Progress { get; } = new();

    void ISourceObserver.Warning(string message) => Warnings.Add(message);

    void ISourceObserver.Verbose(string message) => Verbose.Add(message);

    void ISourceObserver.Progress(SourceProgress progress) => Progress.Add(progress);
}
