using System;
using System.Text;

namespace CacheMeta;

/// <summary>
/// The one exception type CacheMeta's readers let escape. It names what failed (<see cref="ErrorId"/>),
/// where (<see cref="Target"/>, <see cref="Line"/>, <see cref="Column"/>) and how (<see cref="Kind"/>),
/// so the cmdlet layer can turn it into an ErrorRecord without inspecting messages.
/// </summary>
public class CacheMetaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CacheMetaException(ErrorId errorId, CacheErrorKind kind, string reason, string? target = null,
        int line = 0, int column = 0, Exception? innerException = null)
        : base(Compose(reason, target, line, column), innerException)
    {
        ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
        Kind = kind;
        Reason = reason;
        Target = target;
        Line = line;
        Column = column;
    }

    /// <summary>What failed, one of <see cref="ErrorIds"/>; its name is the ErrorRecord's ErrorId.</summary>
    public ErrorId ErrorId { get; }

    /// <summary>The kind of failure.</summary>
    public CacheErrorKind Kind { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }

    /// <summary>The file path or URL the failure is about, when known.</summary>
    public string? Target { get; }

    /// <summary>1-based line of the failure, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the failure, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>
    /// What the failure is about when that is a value the user gave rather than a file or URL (the -Spec string
    /// that does not parse): the ErrorRecord's target. Unlike <see cref="Target"/> it is not part of the message,
    /// which already shows the value.
    /// </summary>
    internal string? Subject { get; set; }

    /// <summary>What the user can do about it, when that is a cmdlet parameter: the cmdlet layer adds the words.</summary>
    internal CacheRemedy Remedy { get; set; }

    private static string Compose(string reason, string? target, int line, int column)
    {
        if (target is null)
        {
            return reason;
        }

        var text = new StringBuilder();
        text.Append('\'').Append(target).Append('\'');
        if (line > 0)
        {
            text.Append(", line ").Append(line);
            if (column > 0)
            {
                text.Append(", column ").Append(column);
            }
        }

        return text.Append(": ").Append(reason).ToString();
    }
}
