using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Index;
using CacheMeta.Tests.Fuzzing;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// A record read with the dependency lists scanned from their bytes (<see cref="EdgeListScanner"/>) must read exactly
/// as with every list tokenised: every field, every edge (name, hash, types, virtuals), the problem text, and which
/// edges and virtual lists are one shared instance. Held on generated canonical lists, on every kind of list the scan
/// must refuse, on byte-wise mutations of canonical records, and on a generated index, where it also counts how many
/// lists were scanned, so that a scan which silently stopped firing fails here.
/// </summary>
public sealed class EdgeScanDifferentialTests
{
    private static readonly string[] Names = { "gcc", "gcc-runtime", "glibc", "llvm", "zlib-ng", "compiler-wrapper", "openmpi", "py-numpy", "cmake" };
    private static readonly string[] Types = { "build", "link", "run", "test" };
    private static readonly string[] Virtuals = { "c", "cxx", "fortran", "mpi", "libc", "zlib-api", "blas" };

    // Edges from a small pool of hashes, so records share edges and the scan's pool lookups are held to the same
    // sharing as the tokeniser's.
    private static string CanonicalList(Random random)
    {
        var edges = new List<string>();
        for (int i = 0, count = 1 + random.Next(14); i < count; i++)
        {
            string name = Names[random.Next(Names.Length)];
            string hash = new string(Enumerable.Range(0, 32).Select(k => "abcdefghijklmnopqrstuvwxyz234567"[(random.Next(6) * 7 + k * 3) % 32]).ToArray());
            var types = Types.Where(_ => random.Next(3) == 0).ToList();
            var virtuals = Virtuals.Take(random.Next(4)).Skip(random.Next(2)).ToList();
            edges.Add($"{{\"name\":\"{name}\",\"hash\":\"{hash}\",\"parameters\":{{\"deptypes\":[{Quoted(types)}],\"virtuals\":[{Quoted(virtuals)}]}}}}");
        }

        return "[" + string.Join(",", edges) + "]";
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(",", values.Select(v => "\"" + v + "\""));

    // The list between members the parser reads from slices of the record (arch, parameters after it), and a name
    // the query may rule out.
    private static string Record(string list, string name = "zlib") =>
        "{\"spec\":{\"name\":\"" + name + "\",\"version\":\"1.3\",\"dependencies\":" + list
        + ",\"arch\":{\"platform\":\"linux\",\"platform_os\":\"ubuntu24.04\",\"target\":{\"name\":\"zen3\",\"vendor\":\"AMD\"}},"
        + "\"parameters\":{\"build_system\":\"cmake\",\"shared\":true,\"cflags\":[]},\"annotations\":{\"original_specfile_version\":5},"
        + "\"hash\":\"x\"},\"ref_count\":1,\"in_buildcache\":true}";

    private const string Edge = "{\"name\":\"llvm\",\"hash\":\"2lkt3gqgwgy4ywn5ykrbkgsv2cnbn4wp\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[\"c\",\"cxx\"]}}";

    /// <summary>Lists the scan must refuse (and a few it takes), each read both ways.</summary>
    public static TheoryData<string> Lists() => new()
    {
        "[" + Edge + "]",
        "[" + Edge + "," + Edge + "]",
        "[]",
        "null",
        "{}",
        "\"x\"",
        "[ " + Edge + "]",
        "[" + Edge + ",\n" + Edge + "]",
        Edge.Replace("\":\"", "\": \"").Insert(0, "[") + "]",
        "[" + Edge.Replace("llvm", "ll\\u0076m") + "]",
        "[" + Edge.Replace("\"c\"", "\"\\u0063\"") + "]",
        "[" + Edge.Replace("2lkt", "\\u0032lkt") + "]",
        "[{\"hash\":\"2lkt3gqgwgy4ywn5ykrbkgsv2cnbn4wp\",\"name\":\"llvm\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"virtuals\":[\"c\"],\"deptypes\":[\"link\"]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[],\"direct\":true}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"build_hash\":\"b\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"type\":[\"run\"],\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"type\":[\"build\",\"link\"]}]",
        "[{\"name\":\"llvm\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":7,\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"name\":null,\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":\"build\",\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"compile\",\"link\"],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[],\"virtuals\":[]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":null}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[1,\"c\"]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[[\"build\"]],\"virtuals\":[{\"c\":[]}]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]},\"x\":{\"y\":[1,{\"z\":[]}]}}]",
        "[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":[]}]",
        "[{\"name\":\"ll\u00e9vm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[\"c\u00e9\"]}}]",
        "[{\"name\":\"\",\"hash\":\"\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[\"\"]}}]",
        "[" + Edge + ",\"llvm\"]",
        "[" + Edge + ",]",
        "[" + Edge + "," + Edge.Substring(0, 40),
        "[" + Edge.Substring(0, 90),
        "[" + Edge + "] ",
        "[" + Edge + "]]",
        "{\"zlib\":{\"hash\":\"h\",\"type\":[\"link\"]}}",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void EachListReadsTheSameBothWays(string list)
    {
        var records = new[] { Record(list), Record(list, "other"), Record(list) }.Select(Encoding.UTF8.GetBytes).ToArray();
        AssertSameReadings(records);
    }

    [Fact]
    public void ARecordThatIsNotTextAfterTheListFailsAlike()
    {
        byte[] record = Encoding.UTF8.GetBytes(Record("[" + Edge + "]").Replace("\"cmake\"", "\"cm#ke\""));
        record[Array.IndexOf(record, (byte)'#')] = 0xFF;
        var readings = AssertSameReadings(new[] { record });
        Assert.Contains("problem Cannot transcode invalid UTF-8", readings, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorAfterAListNamesTheSamePosition()
    {
        string text = Record("[" + Edge + "]").Replace("\"shared\":true", "\"shared\":tru");
        var readings = AssertSameReadings(new[] { Encoding.UTF8.GetBytes(text) });
        Assert.Contains("BytePositionInLine: " + (text.IndexOf("tru,", StringComparison.Ordinal) + 3), readings, StringComparison.Ordinal);
    }

    // A list whose edges would pass the reader's depth limit must fail as the reader fails it: the scan leaves lists
    // near the limit to the reader. Lists far from it are scanned, so both ways are held to each other here.
    [Fact]
    public void AListNearTheDepthLimitReadsAsTheReaderReadsIt()
    {
        var values = new NodeValueReader(8);
        var scanning = new DependencyReader(values, keepAll: false);
        var tokenising = new DependencyReader(new NodeValueReader(8), keepAll: false, scan: false);
        var outcomes = new List<string>();
        for (int depth = 50; depth < 64; depth++)
        {
            byte[] json = Encoding.UTF8.GetBytes(new string('[', depth) + "[" + Edge + "," + Edge + "]" + new string(']', depth));
            string expected = ReadAt(tokenising, json, depth), actual = ReadAt(scanning, json, depth);
            Assert.Equal(expected, actual);
            outcomes.Add(actual);
        }

        Assert.Contains(outcomes, o => o.StartsWith("edges 2", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Contains("maximum configured depth of 64 has been exceeded", StringComparison.Ordinal));
        Assert.InRange(scanning.ScannedLists, 1, 13);
    }

    // The list at this depth read with the reader's depth limit, then the rest of the text; what came of it.
    private static string ReadAt(DependencyReader dependencies, byte[] bytes, int depth)
    {
        ReadOnlySpan<byte> json = bytes;
        var reader = new System.Text.Json.Utf8JsonReader(json, new System.Text.Json.JsonReaderOptions { MaxDepth = 64 });
        try
        {
            for (int i = 0; i <= depth; i++)
            {
                reader.Read();
            }

            string? problem = dependencies.Read(ref reader, ref json, out var edges);
            while (reader.Read())
            {
            }

            return $"edges {edges.Count} [{string.Join(" ", edges.Select(e => e.Name + " " + e.Types))}] problem {problem} at {reader.BytesConsumed + bytes.Length - json.Length}";
        }
        catch (System.Text.Json.JsonException ex)
        {
            return "error " + ex.Message;
        }
    }

    [Fact]
    public void GeneratedCanonicalListsReadTheSameAndAreAllScanned()
    {
        var random = new Random(20251202);
        var records = Enumerable.Range(0, 300).Select(i => Encoding.UTF8.GetBytes(Record(CanonicalList(random), i % 5 == 0 ? "other" : "zlib"))).ToArray();
        var scanned = new IndexRecordParser(8);

        AssertSameReadings(records, scanned);
        // Every record for the query that wants all names; none for the one that wants none (a record it rules out is
        // skipped past unread); the "zlib" records (i % 5 != 0) for the one that wants even-length names.
        Assert.Equal(300 + 240, scanned.ScannedEdgeLists);
    }

    [Fact]
    public void MutatedCanonicalRecordsReadTheSameBothWays()
    {
        var random = new Random(20251203);
        var mutator = new Mutator(20251203);
        var seeds = Enumerable.Range(0, 20).Select(_ => Encoding.UTF8.GetBytes(Record(CanonicalList(random)))).ToArray();
        var inputs = new List<byte[]>();
        for (int i = 0; i < 3000; i++)
        {
            byte[] seed = seeds[random.Next(seeds.Length)];
            inputs.Add(i % 2 == 0 ? mutator.Mutate(seed, seeds) : MutateList(seed, random));
        }

        var scanned = new IndexRecordParser(8);
        AssertSameReadings(inputs, scanned);
        Assert.InRange(scanned.ScannedEdgeLists, 100, inputs.Count * 2 - 100); // both ways were taken (a light record's list is never read)
    }

    // One to three bytes of the dependency list changed, removed or repeated: the damage that is most likely to look
    // canonical to the scan while the tokeniser reads it otherwise.
    private static byte[] MutateList(byte[] record, Random random)
    {
        var bytes = record.ToList();
        int start = Encoding.UTF8.GetString(record).IndexOf("\"dependencies\":[", StringComparison.Ordinal) + 15;
        int end = Encoding.UTF8.GetString(record).IndexOf(",\"arch\"", StringComparison.Ordinal);
        byte[] replacements = Encoding.ASCII.GetBytes(" \n\"\\,:[]{}0atu").Append((byte)0xC3).Append((byte)0x01).ToArray();
        for (int i = 0, count = 1 + random.Next(3); i < count && end > start; i++)
        {
            int at = start + random.Next(end - start);
            switch (random.Next(4))
            {
                case 0: bytes[at] = replacements[random.Next(replacements.Length)]; break;
                case 1: bytes.RemoveAt(at); end--; break;
                case 2: bytes.Insert(at, replacements[random.Next(replacements.Length)]); end++; break;
                default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, end - at))); end += Math.Min(8, end - at); break;
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public void EveryListOfAGeneratedIndexIsScannedAndReadsTheSame()
    {
        var model = GeneratedIndex.Create(new GeneratorOptions { Specs = 400, Seed = 11, MissingEdges = 4, NotInCache = 3, BuildOnlyTools = 2 });
        byte[] index = GeneratedIndexWriter.ToBytes(model);
        var records = new List<byte[]>();
        int version;
        using (var document = new IndexDocumentReader(() => new MemoryStream(index), "generated"))
        {
            document.Open();
            version = document.Version;
            while (document.NextRecord(out _, out int offset, out int length))
            {
                records.Add(document.Window.AsSpan(offset, length).ToArray());
            }
        }

        int lists = model.Nodes.Count(n => n.Edges.Count > 0);
        Assert.True(lists > 300, $"only {lists} generated records have edges");
        var scanned = new IndexRecordParser(version);
        AssertSameReadings(records, scanned, version);
        Assert.Equal(lists + model.Nodes.Count(n => n.Edges.Count > 0 && n.Name.Length % 2 == 0), scanned.ScannedEdgeLists);
    }

    // Reads every record with a scanning parser and a tokenising one, for three queries (every name, none, some) and
    // for a plain read and a graph's; asserts the readings and the sharing agree. Returns the readings.
    private static string AssertSameReadings(IReadOnlyList<byte[]> records, IndexRecordParser? scanning = null, int version = 8)
    {
        var all = new StringBuilder();
        foreach (bool everyEdge in new[] { false, true })
        {
            var on = everyEdge || scanning is null ? new IndexRecordParser(version, everyEdge) : scanning;
            var off = new IndexRecordParser(version, everyEdge, scanEdges: false);
            var onShared = new Sharing();
            var offShared = new Sharing();
            foreach (byte[] json in records)
            {
                foreach (Func<string, bool> want in new Func<string, bool>[] { _ => true, _ => false, n => n.Length % 2 == 0 })
                {
                    string expected = Read(off, json, want, offShared), actual = Read(on, json, want, onShared);
                    Assert.True(expected == actual, $"input {Convert.ToBase64String(json)}\ntokenised: {expected}\nscanned:   {actual}");
                    all.AppendLine(actual);
                }
            }

            Assert.Equal(offShared.Ids, onShared.Ids);
            Assert.Equal(0, off.ScannedEdgeLists);
        }

        return all.ToString();
    }

    private static string Read(IndexRecordParser parser, byte[] json, Func<string, bool> want, Sharing shared)
    {
        var record = new IndexRecord();
        string? problem = parser.Parse(json, want, record);
        var edges = record.Dependencies.Select(e => $"{e.Name} {e.Hash} {e.Types} [{string.Join(",", e.Virtuals)}] #{shared.Id(e)} v#{shared.Id(e.Virtuals)}");
        return $"problem {problem} | {record.Name}@{record.Version} cache {record.InBuildcache} complete {record.Complete} external {record.External} "
            + $"arch {record.Arch.Platform}/{record.Arch.OS}/{record.Arch.Target} compiler {record.NodeCompiler} annotated {record.AnnotatedCompiler} "
            + $"compiler hash {record.CompilerHash} variants [{string.Join(" ", record.Variants)}] edges [{string.Join("; ", edges)}]";
    }

    // Numbers each instance by its first appearance: two readings share alike when their numbers agree.
    private sealed class Sharing
    {
        private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);

        public List<int> Ids { get; } = new();

        public int Id(object instance)
        {
            if (!_ids.TryGetValue(instance, out int id))
            {
                _ids[instance] = id = _ids.Count;
            }

            Ids.Add(id);
            return id;
        }
    }
}
