using System;
using System.Collections.Generic;

namespace CacheMeta.Index;

/// <summary>
/// The compilers a read looked up (<see cref="IIndexRecords.TryLookAhead"/>), each once; those found ahead of the read
/// by a search of the key's bytes are checked against the record when the read gets there. Such a search could find the
/// key's text keying some other object than the index's records, which Spack never writes: then the record reads
/// otherwise, or the key is not among the records at all, and the warning names what the specs before it were given.
/// </summary>
internal sealed class CompilerGuesses
{
    private readonly HashSet<string> _looked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string Version)> _open = new(StringComparer.Ordinal);

    /// <summary>Looks a compiler's record up ahead, once per key: false when it was looked up before or is not found.</summary>
    public bool TryLook(IIndexRecords records, string key, Func<string, bool> wantName, out string name, out string version)
    {
        name = version = string.Empty;
        // A key that is not a hash is never a record the read takes (it skips it), so never a compiler either.
        if (!IndexRecordKey.LooksLikeHash(key) || !_looked.Add(key) || !records.TryLookAhead(key, wantName, out name, out version, out bool certain))
        {
            return false;
        }

        if (!certain)
        {
            _open[key] = (name, version);
        }

        return true;
    }

    /// <summary>Checks the guess for a record the read has got to (one that read well); the warning when it differs.</summary>
    public string? Check(string key, string name, string version, string origin)
    {
        if (_open.Count == 0 || !_open.TryGetValue(key, out var guess))
        {
            return null;
        }

        _open.Remove(key);
        return guess.Name == name && guess.Version == version ? null
            : $"The index record '{key}' in {origin} reads as {name}@{version}, but an earlier object of that key read as "
                + $"{guess.Name}@{guess.Version}, and specs before the record were given that compiler.";
    }

    /// <summary>After the last record: a warning for each guess no record of the index confirmed.</summary>
    public IEnumerable<string> Unconfirmed(string origin)
    {
        foreach (var guess in _open)
        {
            yield return $"The compiler '{guess.Key}' that specs in {origin} were given ({guess.Value.Name}@{guess.Value.Version}) "
                + "is not a record of the index: that key keys some other object in it.";
        }
    }
}
