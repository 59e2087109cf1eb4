using System;
using System.Buffers.Binary;

namespace CacheMeta.Index.Snapshot;

/// <summary>
/// The layout of an index snapshot file (all numbers little-endian):
/// <code>
/// header   magic "CMIXSNAP" | format version u32 | database version i32 | blob SHA-256 (32 bytes) | entries i32 |
///          reserved u32 (0) | payload length i64 | XXH64 u64 | the writer's build (16 bytes)   (88 bytes)
/// payload  strings      count, offsets[count + 1], bytes (each string: a tag byte, 0 UTF-8 or 1 UTF-16LE, then its text)
///          string lists count, offsets[count + 1], string ids
///          edges        count, (name, hash, types, virtuals list) per edge
///          edge lists   count, offsets[count + 1], edge ids
///          raw records  count, offsets[count + 1], bytes (records kept as their JSON text)
///          entries      (key, flags, name, version, problem, platform, os, target, node compiler, annotated compiler,
///                       compiler hash, variants list, dependency list, raw record) per entry, -1 for none
/// </code>
/// The XXH64 (<see cref="SnapshotChecksum"/>) covers the whole file but its own 8 bytes (the header before it seeds the
/// hash of everything after it), so no bit of the file goes unchecked.
/// Every value a record holds is an id into a table, so a distinct value is decoded once and shared, and the name
/// column decides a query's -Name before anything else of a record is decoded. A reader trusts a file only when the
/// magic, the format version, the blob's SHA-256, the length and the checksum match and every id is in range, and only
/// when this very build of CacheMeta wrote it (its module version id): a build that reads JSON differently never takes
/// another build's records for its own.
/// </summary>
internal static class SnapshotFormat
{
    /// <summary>Bump on any change of the layout or of what a record holds: older files are then rebuilt.</summary>
    public const uint FormatVersion = 1;

    public const int HeaderBytes = 88;

    /// <summary>The int32 fields of one entry.</summary>
    public const int EntryFields = 14;

    public static ReadOnlySpan<byte> Magic => "CMIXSNAP"u8;

    // Entry fields.
    public const int Key = 0, Flags = 1, Name = 2, Version = 3, Problem = 4, Platform = 5, OS = 6, Target = 7, NodeCompiler = 8,
        AnnotatedCompiler = 9, CompilerHash = 10, Variants = 11, Dependencies = 12, RawRecord = 13;

    // Flags: the kind in the low two bits, then what the record's booleans are.
    public const int KindMask = 3;

    /// <summary>Only the key: a key that is not a hash (the reader skips it unread).</summary>
    public const int KindKeyOnly = 0;

    /// <summary>A record the quick reading takes: its name and version, and what the whole reading gave.</summary>
    public const int KindQuick = 1;

    /// <summary>A record kept as its JSON text, read again by the record parser.</summary>
    public const int KindRaw = 2;

    public const int QuickInBuildcache = 1 << 2, WholeFailed = 1 << 3, WholeInBuildcache = 1 << 4, WholeExternal = 1 << 5,
        WholeComplete = 1 << 6;

    /// <summary>
    /// A quick record that no record of the index names as its compiler (and the index has no record kept as text, whose
    /// compiler is unknown): a query that rules its name out may pass over it unread.
    /// </summary>
    public const int NobodysCompiler = 1 << 7;

    /// <summary>This build of the engine: the module version id of CacheMeta.Core, new with every change of its code.</summary>
    public static readonly byte[] Build = typeof(SnapshotFormat).Module.ModuleVersionId.ToByteArray();

    /// <summary>Where the checksum is in the header.</summary>
    public const int ChecksumAt = 64;

    /// <summary>The checksum of a whole file: everything but the checksum's own 8 bytes.</summary>
    public static ulong Checksum(ReadOnlySpan<byte> file) =>
        SnapshotChecksum.Hash(file.Slice(ChecksumAt + 8), seed: SnapshotChecksum.Hash(file.Slice(0, ChecksumAt)));

    /// <summary>Writes the header of a file whose payload follows it.</summary>
    public static void WriteHeader(Span<byte> file, int databaseVersion, byte[] sha256, int entries)
    {
        var header = file.Slice(0, HeaderBytes);
        long payload = file.Length - HeaderBytes;
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(12), databaseVersion);
        sha256.AsSpan().CopyTo(header.Slice(16, 32));
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(48), entries);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(52), 0);
        BinaryPrimitives.WriteInt64LittleEndian(header.Slice(56), payload);
        Build.AsSpan().CopyTo(header.Slice(72, 16));
        BinaryPrimitives.WriteUInt64LittleEndian(header.Slice(ChecksumAt), Checksum(file));
    }

    /// <summary>The blob SHA-256 as its 32 bytes; null when the text is not 64 hex digits.</summary>
    public static byte[]? Sha256Bytes(string hex)
    {
        if (hex.Length != 64)
        {
            return null;
        }

        var bytes = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            int high = Hex(hex[2 * i]), low = Hex(hex[2 * i + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)(high << 4 | low);
        }

        return bytes;
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
