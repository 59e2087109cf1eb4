using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using CacheMeta.Text;

namespace CacheMeta.Index.Snapshot;

// The checks a snapshot file passes before anything of it is read: after them every offset and id is safe to follow.
internal sealed partial class SnapshotFile
{
    /// <summary>
    /// The file if it is whole and is the snapshot of the blob <paramref name="sha256"/>; else null, with why in
    /// <paramref name="problem"/>.
    /// </summary>
    public static SnapshotFile? Check(byte[] bytes, byte[] sha256, out string? problem)
    {
        problem = Header(bytes, sha256, out int databaseVersion, out int count);
        if (problem is not null)
        {
            return null;
        }

        int at = SnapshotFormat.HeaderBytes;
        if (!Table.Read(bytes, ref at, byteItems: true, out var strings) || !Table.Read(bytes, ref at, byteItems: false, out var lists)
            || !Int(bytes, ref at, out int edgeCount) || edgeCount < 0 || (long)edgeCount * 16 > bytes.Length - at)
        {
            return Corrupt(out problem);
        }

        int edges = at;
        at += edgeCount * 16;
        if (!Table.Read(bytes, ref at, byteItems: false, out var edgeLists) || !Table.Read(bytes, ref at, byteItems: true, out var raw)
            || (long)count * SnapshotFormat.EntryFields * 4 != bytes.Length - at)
        {
            return Corrupt(out problem);
        }

        var file = new SnapshotFile(bytes, databaseVersion, count, strings, lists, edges, edgeCount, edgeLists, raw, at);
        return file.IdsInRange() ? file : Corrupt(out problem);
    }

    private static string? Header(byte[] bytes, byte[] sha256, out int databaseVersion, out int count)
    {
        databaseVersion = count = 0;
        if (bytes.Length < SnapshotFormat.HeaderBytes || !bytes.AsSpan(0, 8).SequenceEqual(SnapshotFormat.Magic))
        {
            return "it is not an index snapshot";
        }

        var header = new ReadOnlySpan<byte>(bytes, 0, SnapshotFormat.HeaderBytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(8)) != SnapshotFormat.FormatVersion)
        {
            return "it has another format version";
        }

        if (!header.Slice(72, 16).SequenceEqual(SnapshotFormat.Build))
        {
            return "another build of CacheMeta wrote it";
        }

        if (!header.Slice(16, 32).SequenceEqual(sha256))
        {
            return "it is the snapshot of another copy of the index";
        }

        databaseVersion = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(12));
        count = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(48));
        if (BinaryPrimitives.ReadInt64LittleEndian(header.Slice(56)) != bytes.Length - SnapshotFormat.HeaderBytes || count < 0
            || BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(52)) != 0)
        {
            return "it is cut short or too long";
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(SnapshotFormat.ChecksumAt)) == SnapshotFormat.Checksum(bytes)
            ? null : "its checksum does not match";
    }

    // Every id an entry, list or edge holds points into its table: a file that passes is safe to read anywhere.
    [MethodImpl(Jit.Optimized)]
    private bool IdsInRange()
    {
        int strings = _strings.Count;
        for (int id = 0; id < strings; id++)
        {
            // A tag byte, 0 (UTF-8) or 1 (UTF-16, an even number of bytes), then the text.
            var (start, end) = _strings.Range(this, id);
            byte tag = end > start ? _bytes[_strings.Data + start] : (byte)2;
            if (tag > 1 || (tag == 1 && (end - start - 1) % 2 != 0))
            {
                return false;
            }
        }

        for (int i = 0; i < _lists.ItemCount; i++)
        {
            if ((uint)_lists.Item(this, i) >= (uint)strings)
            {
                return false;
            }
        }

        for (int edge = 0; edge < _edgeCache.Length; edge++)
        {
            if ((uint)EdgeField(edge, 0) >= (uint)strings || (uint)EdgeField(edge, 1) >= (uint)strings
                || (uint)EdgeField(edge, 3) >= (uint)_lists.Count)
            {
                return false;
            }
        }

        for (int i = 0; i < _edgeLists.ItemCount; i++)
        {
            if ((uint)_edgeLists.Item(this, i) >= (uint)_edgeCache.Length)
            {
                return false;
            }
        }

        for (int entry = 0; entry < Count; entry++)
        {
            int kind = Field(entry, SnapshotFormat.Flags) & SnapshotFormat.KindMask;
            if (kind > SnapshotFormat.KindRaw || (uint)Field(entry, SnapshotFormat.Key) >= (uint)strings)
            {
                return false;
            }

            for (int field = SnapshotFormat.Name; field <= SnapshotFormat.CompilerHash; field++)
            {
                if (Field(entry, field) < -1 || Field(entry, field) >= strings)
                {
                    return false;
                }
            }

            if (!Optional(Field(entry, SnapshotFormat.Variants), _lists.Count) || !Optional(Field(entry, SnapshotFormat.Dependencies), _edgeLists.Count)
                || !Optional(Field(entry, SnapshotFormat.RawRecord), _raw.Count) || !Needed(entry, kind))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Optional(int id, int count) => id >= -1 && id < count;

    // What each kind of entry reads must be there.
    private bool Needed(int entry, int kind)
    {
        int flags = Field(entry, SnapshotFormat.Flags);
        return kind switch
        {
            SnapshotFormat.KindRaw => Field(entry, SnapshotFormat.RawRecord) >= 0,
            SnapshotFormat.KindQuick => Field(entry, SnapshotFormat.Name) >= 0 && Field(entry, SnapshotFormat.Version) >= 0
                && ((flags & SnapshotFormat.WholeFailed) != 0
                    ? Field(entry, SnapshotFormat.Problem) >= 0
                    : Field(entry, SnapshotFormat.Variants) >= 0 && Field(entry, SnapshotFormat.Dependencies) >= 0),
            _ => true,
        };
    }

    private static bool Int(byte[] bytes, ref int at, out int value)
    {
        value = 0;
        if (bytes.Length - at < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(bytes, at, 4));
        at += 4;
        return true;
    }

    private static SnapshotFile? Corrupt(out string? problem)
    {
        problem = "its tables are not whole";
        return null;
    }

    // A table: count, offsets[count + 1] (rising, from 0), then the items (bytes, or int32 ids).
    private readonly struct Table
    {
        private readonly int _offsets;

        private Table(int count, int offsets, int data, int itemCount)
        {
            Count = count;
            _offsets = offsets;
            Data = data;
            ItemCount = itemCount;
        }

        public int Count { get; }

        public int Data { get; }

        public int ItemCount { get; }

        public static bool Read(byte[] bytes, ref int at, bool byteItems, out Table table)
        {
            table = default;
            if (!Int(bytes, ref at, out int count) || count < 0 || (long)(count + 1) * 4 > bytes.Length - at)
            {
                return false;
            }

            int offsets = at, previous = 0;
            for (int i = 0; i <= count; i++)
            {
                int offset = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(bytes, offsets + i * 4, 4));
                if ((i == 0 && offset != 0) || offset < previous)
                {
                    return false;
                }

                previous = offset;
            }

            at += (count + 1) * 4;
            long size = byteItems ? previous : (long)previous * 4;
            if (size > bytes.Length - at)
            {
                return false;
            }

            table = new Table(count, offsets, at, previous);
            at += (int)size;
            return true;
        }

        public (int Start, int End) Range(SnapshotFile file, int id) => (file.At(_offsets + id * 4), file.At(_offsets + (id + 1) * 4));

        public int Item(SnapshotFile file, int index) => file.At(Data + index * 4);
    }
}
