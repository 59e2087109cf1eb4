using System.Collections.Generic;
using CacheMeta.Query;

namespace CacheMeta.Pages.Fast;

/// <summary>
/// One <c>spec_details</c> record as <see cref="FastRecordReader"/> scans it: its values decoded as shared instances,
/// and the hash and tarball as positions in the line (they are unique per record, so they are decoded only for a
/// record that matches).
/// </summary>
internal struct ScannedRecord
{
    public string? Compiler, OS, Platform, Target;
    public IReadOnlyList<string> Versions, Variants, Stacks;
    public long? Size;
    public int HashStart, HashLength, TarballStart, TarballLength;

    public ScannedRecord()
    {
        Compiler = OS = Platform = Target = null;
        Versions = Variants = Stacks = ValueList.None;
        Size = null;
        HashStart = TarballStart = -1;
        HashLength = TarballLength = 0;
    }
}
