namespace CacheMeta.Index;

/// <summary>
/// What <see cref="RecordScanner"/> noted of one record, for reading a record the query rules out by its name and
/// version alone, and for taking a wanted record's arch and parameters objects without tokenising them. Offsets are
/// into the record's value (0 when absent); <see cref="Unusual"/> sends the record to the reference reading.
/// </summary>
internal struct RecordShape
{
    /// <summary>How many <c>spec</c> members the record has.</summary>
    public int Specs;

    /// <summary>The name's string token (quotes included), when it is the spec's first member.</summary>
    public int NameStart, NameEnd;

    /// <summary>The version's token (a string with quotes, or a number).</summary>
    public int VersionStart, VersionEnd;

    /// <summary>The spec's <c>arch</c> and <c>parameters</c> objects (their last occurrence), whose bytes the parser
    /// can take as they are instead of tokenising them to find their end.</summary>
    public int ArchStart, ArchEnd, ParametersStart, ParametersEnd;

    /// <summary><c>in_buildcache</c> is <c>true</c> (its last value).</summary>
    public bool InBuildcache;

    /// <summary>Anything a quick reading does not decide: the reference reading of the record does.</summary>
    public bool Unusual;

    /// <summary>Makes the noted offsets, taken in the scanned text, offsets into the record's value at <paramref name="valueStart"/>.</summary>
    public void Rebase(int valueStart)
    {
        Rebase(ref NameStart, ref NameEnd, valueStart);
        Rebase(ref VersionStart, ref VersionEnd, valueStart);
        Rebase(ref ArchStart, ref ArchEnd, valueStart);
        Rebase(ref ParametersStart, ref ParametersEnd, valueStart);
    }

    private static void Rebase(ref int start, ref int end, int valueStart)
    {
        if (end > 0)
        {
            start -= valueStart;
            end -= valueStart;
        }
    }
}
