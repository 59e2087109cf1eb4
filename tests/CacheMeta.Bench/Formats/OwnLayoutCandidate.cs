using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using CacheMeta.Index;
using CacheMeta.Index.Snapshot;

namespace CacheMeta.Bench.Formats;

/// <summary>The layout the engine keeps (<see cref="SnapshotFormat"/>): tables of distinct values, a fixed-size entry per record.</summary>
internal sealed class OwnLayoutCandidate : ICandidateFormat
{
    private static readonly byte[] Sum = SHA256.HashData(Encoding.UTF8.GetBytes("bench"));

    public string Name => "own layout (CacheMeta)";

    public void Write(IReadOnlyList<FormatRow> rows, string path)
    {
        var writer = new SnapshotWriter(8);
        var record = new IndexRecord();
        foreach (var row in rows)
        {
            record.Reset();
            record.Name = row.Name;
            record.Version = row.Version;
            record.InBuildcache = row.InBuildcache;
            record.External = row.External;
            record.Arch = new ArchParts(row.Platform, row.OS, row.Target);
            record.NodeCompiler = row.NodeCompiler;
            record.AnnotatedCompiler = row.AnnotatedCompiler;
            record.CompilerHash = row.CompilerHash;
            record.Variants = row.Variants;
            record.Dependencies = row.Dependencies;
            record.Complete = true;
            writer.Quick(row.Key, row.Name, row.Version, row.InBuildcache, null, record);
        }

        File.WriteAllBytes(path, writer.ToArray(Sum));
    }

    public int ReadPy(string path)
    {
        var file = SnapshotFile.Check(File.ReadAllBytes(path), Sum, out string? problem) ?? throw new InvalidDataException(problem);
        var wanted = new sbyte[file.StringCount];
        int count = 0;
        for (int entry = 0; entry < file.Count; entry++)
        {
            int name = file.Field(entry, SnapshotFormat.Name);
            if (wanted[name] == 0)
            {
                wanted[name] = file.String(name)!.StartsWith("py-", StringComparison.Ordinal) ? (sbyte)1 : (sbyte)-1;
            }

            if (wanted[name] < 0 || (file.Field(entry, SnapshotFormat.Flags) & SnapshotFormat.WholeInBuildcache) == 0)
            {
                continue;
            }

            // Every value, as the other candidates decode them (the engine itself decodes edges only when they are used).
            for (int field = SnapshotFormat.Key; field <= SnapshotFormat.CompilerHash; field++)
            {
                file.String(field == SnapshotFormat.Flags ? -1 : file.Field(entry, field));
            }

            file.List(file.Field(entry, SnapshotFormat.Variants));
            count += file.DecodeEdges(file.Field(entry, SnapshotFormat.Dependencies)).Length >= 0 ? 1 : 0;
        }

        return count;
    }
}
