using System.Collections.Generic;
using System.Management.Automation;
using CacheMeta.Text;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Keeps many errors of one kind from burying the rest: per ErrorId, the first <see cref="ShownPerId"/> are
/// written as ErrorRecords (so $Error, -ErrorVariable and $? see the failure, with real targets to act on) and the
/// others only counted; when the cmdlet ends, one warning per id says how many there were in all. Re-exporting
/// 6,000 pages without -Force is then five FileExists errors and one line with the count, not 6,000 lines.
/// </summary>
internal sealed class ErrorSummary
{
    /// <summary>How many errors of one id are written before the rest are only counted.</summary>
    public const int ShownPerId = 5;

    private readonly Dictionary<string, int> _counts = new();
    private readonly List<string> _order = new();

    /// <summary>True when this error is to be written; false when it is only counted.</summary>
    public bool Admit(ErrorRecord record)
    {
        string id = record.FullyQualifiedErrorId.Split(',')[0];
        if (!_counts.TryGetValue(id, out int count))
        {
            _order.Add(id);
        }

        _counts[id] = ++count;
        return count <= ShownPerId;
    }

    /// <summary>One warning per id that had more errors than were written; the counts start again.</summary>
    public void Write(Cmdlet cmdlet)
    {
        foreach (string id in _order)
        {
            int count = _counts[id];
            if (count > ShownPerId)
            {
                cmdlet.WriteWarning($"{Plural.Count(count, id + " error")} in all: the first {ShownPerId} were written, "
                    + $"{Plural.Count(count - ShownPerId, "other was", "others were")} left out.");
            }
        }

        _counts.Clear();
        _order.Clear();
    }
}
