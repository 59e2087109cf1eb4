using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using CacheMeta.Index.Snapshot;
using MessagePack;

namespace CacheMeta.Bench.Formats;

/// <summary>
/// MessagePack (MessagePack-CSharp's writer and reader, no attributes or resolvers): one array per record, the name
/// second so a record the query rules out is skipped after two values; the snapshot's XXH64 of the body in front, as the
/// snapshot must never be trusted unchecked. Strings are decoded as read (the format has no table of distinct values).
/// </summary>
internal sealed class MessagePackCandidate : ICandidateFormat
{
    public string Name => "MessagePack 2.5.307";

    public void Write(IReadOnlyList<FormatRow> rows, string path)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(rows.Count);
        foreach (var row in rows)
        {
            writer.WriteArrayHeader(13);
            writer.Write(row.Key);
            writer.Write(row.Name);
            writer.Write(row.Version);
            writer.Write(row.InBuildcache);
            writer.Write(row.External);
            writer.Write(row.Platform);
            writer.Write(row.OS);
            writer.Write(row.Target);
            writer.Write(row.NodeCompiler);
            writer.Write(row.AnnotatedCompiler);
            writer.Write(row.CompilerHash);
            writer.WriteArrayHeader(row.Variants.Count);
            foreach (string variant in row.Variants)
            {
                writer.Write(variant);
            }

            writer.WriteArrayHeader(row.Dependencies.Count);
            foreach (var edge in row.Dependencies)
            {
                writer.WriteArrayHeader(4);
                writer.Write(edge.Name);
                writer.Write(edge.Hash);
                writer.Write((int)edge.Types);
                writer.WriteArrayHeader(edge.Virtuals.Count);
                foreach (string name in edge.Virtuals)
                {
                    writer.Write(name);
                }
            }
        }

        writer.Flush();
        using var file = File.Create(path);
        Span<byte> sum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(sum, SnapshotChecksum.Hash(buffer.WrittenSpan));
        file.Write(sum);
        file.Write(buffer.WrittenSpan);
    }

    public int ReadPy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes) != SnapshotChecksum.Hash(bytes.AsSpan(8)))
        {
            throw new InvalidDataException("checksum");
        }

        var reader = new MessagePackReader(new ReadOnlyMemory<byte>(bytes, 8, bytes.Length - 8));
        int records = reader.ReadArrayHeader(), count = 0;
        for (int i = 0; i < records; i++)
        {
            int fields = reader.ReadArrayHeader();
            reader.Skip(); // key
            // Names are short: MessagePack-CSharp hands them out as a span of the buffer, undecoded.
            bool wanted = reader.TryReadStringSpan(out var name) ? FormatRows.IsPy(name) : reader.ReadString()!.StartsWith("py-", StringComparison.Ordinal);
            if (!wanted)
            {
                for (int field = 2; field < fields; field++)
                {
                    reader.Skip();
                }

                continue;
            }

            reader.ReadString();
            bool inBuildcache = reader.ReadBoolean();
            reader.ReadBoolean();
            for (int field = 5; field < 11; field++)
            {
                reader.ReadString();
            }

            var variants = new string[reader.ReadArrayHeader()];
            for (int v = 0; v < variants.Length; v++)
            {
                variants[v] = reader.ReadString()!;
            }

            var edges = new DependencyEdge[reader.ReadArrayHeader()];
            for (int e = 0; e < edges.Length; e++)
            {
                reader.ReadArrayHeader();
                string edgeName = reader.ReadString()!, hash = reader.ReadString()!;
                var types = (DependencyTypes)reader.ReadInt32();
                var virtuals = new string[reader.ReadArrayHeader()];
                for (int v = 0; v < virtuals.Length; v++)
                {
                    virtuals[v] = reader.ReadString()!;
                }

                edges[e] = new DependencyEdge(edgeName, hash, types, virtuals);
            }

            count += inBuildcache ? 1 : 0;
        }

        return count;
    }
}
