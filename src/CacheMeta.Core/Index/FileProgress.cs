using System;
using System.IO;
using CacheMeta.Sources;

namespace CacheMeta.Index;

/// <summary>Reports how far an index file has been read, a few times a second at most, and once when done.</summary>
internal sealed class FileProgress
{
    private readonly ISourceObserver _observer;
    private readonly string _activity;
    private readonly string _target;
    private readonly ProgressThrottle _throttle = new();
    private FileStream? _file;
    private long _length;

    public FileProgress(ISourceObserver observer, string activity, string target)
    {
        _observer = observer;
        _activity = activity;
        _target = target;
    }

    /// <summary>The file being read (set once it is open).</summary>
    public void Track(FileStream file)
    {
        _file = file;
        _length = file.Length;
    }

    public void Tick()
    {
        if (_file is null || !_throttle.Due())
        {
            return;
        }

        long position;
        try
        {
            position = _file.Position;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        _observer.Progress(new SourceProgress(_activity, _target, position, _length));
    }

    public void Complete()
    {
        if (_file is not null)
        {
            _observer.Progress(new SourceProgress(_activity, _target, _length, _length, completed: true));
        }
    }
}
