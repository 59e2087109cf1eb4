using System;
using System.Collections.Generic;

namespace CacheMeta.Mirrors;

/// <summary>
/// One record of a build-cache index as its file has it: the key, the <c>spec</c> value's bytes exactly as written
/// (never rebuilt, so what Spack hashed and signed stays what it was) and <c>in_buildcache</c>. The other fields a
/// record may carry (<c>ref_count</c>, local-database fields) are not kept: an exported index says them anew.
/// </summary>
internal sealed class RawIndexRecord
{
    public RawIndexRecord(string hash, byte[] spec, bool inBuildcache)
    {
        Hash = hash ?? throw new ArgumentNullException(nameof(hash));
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        InBuildcache = inBuildcache;
    }

    /// <summary>The record's key, its DAG hash.</summary>
    public string Hash { get; }

    /// <summary>The UTF-8 bytes of the record's <c>spec</c> object, byte for byte from the file.</summary>
    public byte[] Spec { get; }

    /// <summary>True when the file's record says <c>"in_buildcache": true</c> (Spack's default is false).</summary>
    public bool InBuildcache { get; }

    /// <summary>The same record with <c>in_buildcache</c> as an exported index says it.</summary>
    public RawIndexRecord WithInBuildcache(bool inBuildcache) =>
        inBuildcache == InBuildcache ? this : new RawIndexRecord(Hash, Spec, inBuildcache);
}

/// <summary>The records <see cref="RawRecordExtractor"/> took from one index, with the index's database version.</summary>
internal sealed class RawIndex
{
    public RawIndex(string version, IReadOnlyList<RawIndexRecord> records)
    {
        Version = version;
        Records = records;
    }

    /// <summary><c>database.version</c> as the file writes it ("6", "7", "8", "9"), already checked as one CacheMeta reads.</summary>
    public string Version { get; }

    /// <summary>The records asked for, in file order; a key written twice is taken once (the first, as every reader does).</summary>
    public IReadOnlyList<RawIndexRecord> Records { get; }
}
