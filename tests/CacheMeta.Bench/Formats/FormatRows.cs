using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CacheMeta.Index;

namespace CacheMeta.Bench.Formats;

/// <summary>One index record as every candidate format stores it: what the spec reader needs of a record.</summary>
internal sealed record FormatRow(string Key, string Name, string Version, bool InBuildcache, bool External, string? Platform,
    string? OS, string? Target, string? NodeCompiler, string? AnnotatedCompiler, string? CompilerHash, IReadOnlyList<string> Variants,
    IReadOnlyList<DependencyEdge> Dependencies);

/// <summary>A stored format for an index's records: written once, then read for a repeated -Name 'py-*'.</summary>
internal interface ICandidateFormat
{
    string Name { get; }

    /// <summary>Writes the rows to <paramref name="path"/>.</summary>
    void Write(IReadOnlyList<FormatRow> rows, string path);

    /// <summary>Reads the file, checks it, and decodes every in-cache record whose name starts with py- (all its values); their count.</summary>
    int ReadPy(string path);
}

internal static class FormatRows
{
    /// <summary>Every record of an index, read whole (the index the bench generates has no malformed record).</summary>
    public static List<FormatRow> Read(string file)
    {
        var rows = new List<FormatRow>();
        using var document = new IndexDocumentReader(() => File.OpenRead(file), file);
        document.Open();
        var parser = new IndexRecordParser(document.Version);
        var record = new IndexRecord();
        while (document.NextRecord(out string key, out int offset, out int length, out _))
        {
            if (parser.Parse(new ReadOnlySpan<byte>(document.Window, offset, length), _ => true, record) is null)
            {
                rows.Add(new FormatRow(key, record.Name!, record.Version!, record.InBuildcache, record.External, record.Arch.Platform,
                    record.Arch.OS, record.Arch.Target, record.NodeCompiler, record.AnnotatedCompiler, record.CompilerHash, record.Variants,
                    record.Dependencies.ToArray()));
            }
        }

        return rows;
    }

    /// <summary>True for a name -Name 'py-*' wants, as UTF-8.</summary>
    public static bool IsPy(ReadOnlySpan<byte> name) => name.Length >= 3 && name[0] == (byte)'p' && name[1] == (byte)'y' && name[2] == (byte)'-';
}
