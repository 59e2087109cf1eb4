using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CacheMeta.Index;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;
using Xunit.Abstractions;

namespace CacheMeta.Tests.Fuzzing;

/// <summary>
/// The index reader cuts records with its own scanner (<see cref="RecordScanner"/>) instead of System.Text.Json's
/// reader, and reads a record the query rules out from the name and version the scan noted. Both must agree with the
/// reference reading on every input: the document is accepted exactly when System.Text.Json accepts it (as
/// <see cref="JsonDocument"/>, with the same depth limit), every record comes out with the same key and bytes, and
/// the quick reading of a record fills it as the whole reading does.
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(FuzzCollection.Name)]
public sealed class RecordCutFuzzTests
{
    private const int Seed = 20251201;
    private const int MinimumInputs = 51;
    private readonly ITestOutputHelper _output;

    public RecordCutFuzzTests(ITestOutputHelper output) => _output = output;

    public static IReadOnlyList<byte[]> Seeds() => new List<byte[]>
    {
        IndexFixtures.V7Index(), IndexFixtures.V8Index(), IndexFixtures.V8Index(versionLast: true), EdgeFixtures.V6Index(),
        GeneratedIndexWriter.ToBytes(GeneratedIndex.Create(new GeneratorOptions { Specs = 30, Seed = 3, MissingEdges = 1, NotInCache = 1, BuildOnlyTools = 1 })),
        Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"installs\": {\n \"k\\u0061\": {\"spec\": {\"name\": \"a\\\"b\", \"version\": 1.5e3}, \"in_buildcache\": null},"
            + "\t\"b\": [1, -0.5, true, false, null, \"\\/\\b\\f\\n\\r\\t\"], \"c\": {\"spec\": {\"version\": \"1\", \"name\": \"z\"}, \"in_buildcache\": true}}}}\r\n"),
        // arch and parameters objects the cut notes, repeated, under escaped keys, empty, blank, with a line break inside
        Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"installs\": {\"a\": {\"spec\": {\"name\": \"p\", \"version\": \"1\", "
            + "\"arch\": {\"platform\": \"linux\", \"target\": {\"name\": \"zen4\"}}, \"parameters\": {\"shared\": true, \"cflags\": [], \"v\": [\"b\", \"a\"]}, "
            + "\"arch\": {}, \"p\\u0061rameters\": {\"x\": \"1\"}}, \"in_buildcache\": true}, \"b\": {\"spec\": {\"name\": \"q\", \"version\": \"2\", "
            + "\"arch\": {\"platform\":\n\"darwin\"}, \"parameters\": { }}, \"in_buildcache\": true}}}}"),
    };

    [Fact]
    public void TheCutAndTheQuickReadingAgreeWithTheReferenceReading()
    {
        var report = FuzzRunner.Run(new FuzzTarget("record cut", Seeds(), Compare), Seed, FuzzRunner.Budget(2), TimeSpan.FromSeconds(5), MinimumInputs);
        _output.WriteLine($"fuzz {report.Target}: {report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:0.0} s, {report.Rejected:N0} rejected");
        Assert.True(report.Failure is null, report.Failure);
        Assert.True(report.Inputs >= MinimumInputs, $"only {report.Inputs} inputs ran in {report.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(61)]
    [InlineData(1 << 20)]
    public void TheSeedsAgreeWhateverTheWindow(int window)
    {
        foreach (byte[] seed in Seeds())
        {
            Compare(seed, window);
        }
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, true)]
    [InlineData(62, false)]
    public void ARecordMayOpenAsManyContainersAsTheDocumentLimitLeaves(int depth, bool accepted)
    {
        string value = new string('[', depth - 1) + new string(']', depth - 1);
        byte[] index = Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"installs\": {\"a\": {\"x\": " + value + "}}}}");
        Assert.Equal(accepted, Reference(index, out _) is not null);
        if (accepted)
        {
            Compare(index, 64);
        }
        else
        {
            Assert.Equal(ErrorIds.InvalidIndex, Assert.Throws<CacheMetaException>(() => Compare(index, 64)).ErrorId);
        }
    }

    private static void Compare(byte[] input) => Compare(input, 1 << 12);

    // Throws CacheMetaException when both readings reject the input, anything else when they disagree.
    private static void Compare(byte[] input, int window)
    {
        var expected = Reference(input, out string? why);
        var actual = new List<(string Key, string Value)>();
        CacheMetaException? rejected = null;
        try
        {
            using var reader = new IndexDocumentReader(() => new MemoryStream(input), "fuzz", initialBufferBytes: window);
            reader.Open();
            var parser = new IndexRecordParser(reader.Version);
            while (reader.NextRecord(out string key, out int offset, out int length, out var shape))
            {
                var json = new ReadOnlySpan<byte>(reader.Window, offset, length);
                actual.Add((key, Convert.ToBase64String(json.ToArray())));
                CompareReadings(parser, json, shape, key);
            }
        }
        catch (CacheMetaException ex)
        {
            rejected = ex;
        }

        if (expected is null && rejected is not null)
        {
            throw rejected;
        }

        if (why == Unsettled)
        {
            return;
        }

        if (expected is null)
        {
            throw new InvalidOperationException($"The reference rejects the input ({why}), the cut read {actual.Count} records.");
        }

        if (rejected is not null)
        {
            throw new InvalidOperationException($"The reference reads {expected.Count} records, the cut rejects the input: {rejected.Message}");
        }

        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException($"The records differ: {expected.Count} expected, {actual.Count} cut.");
        }
    }

    // The reading with the shape (the quick reading of a name ruled out, arch and parameters taken from the bytes the cut
    // noted) and the reading without it fill the record alike, for a query that wants no name, every name, and some.
    private static void CompareReadings(IndexRecordParser parser, ReadOnlySpan<byte> json, in RecordShape shape, string key)
    {
        foreach (Func<string, bool> want in new Func<string, bool>[] { _ => false, _ => true, n => n.Length % 2 == 0 })
        {
            var quick = new IndexRecord();
            var whole = new IndexRecord();
            string? a = parser.Parse(json, shape, want, quick), b = parser.Parse(json, want, whole);
            if (a != b || Describe(quick) != Describe(whole))
            {
                throw new InvalidOperationException($"The record {key} reads differently: '{a}' {Describe(quick)} vs '{b}' {Describe(whole)}.");
            }
        }
    }

    private static string Describe(IndexRecord r) =>
        $"{r.Name}@{r.Version} cache {r.InBuildcache} complete {r.Complete} external {r.External} arch {r.Arch.Platform}/{r.Arch.OS}/{r.Arch.Target} "
        + $"compiler {r.NodeCompiler}|{r.AnnotatedCompiler}|{r.CompilerHash} variants [{string.Join(" ", r.Variants)}] "
        + $"dependencies [{string.Join(" ", r.Dependencies.Select(d => d.Name + "/" + d.Hash + ":" + d.Types + ":" + string.Join(",", d.Virtuals)))}]";

    // The reference: System.Text.Json's acceptance of the whole document, and installs' members as it decodes them (keys)
    // and writes them (raw bytes). Null with a reason when it rejects the document (or a key is not UTF-8); null with
    // Unsettled when the document is JSON but not a plain database (no version, repeated keys the streaming reader
    // and JsonDocument resolve differently): the cut is then only held to rejecting with CacheMetaException or reading.
    private const string Unsettled = "unsettled";

    private static List<(string, string)>? Reference(byte[] input, out string? why)
    {
        why = null;
        try
        {
            using var document = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Count(root, "database") != 1 || !root.TryGetProperty("database", out var database)
                || database.ValueKind != JsonValueKind.Object || Count(database, "installs") != 1 || Count(database, "version") != 1
                || !database.TryGetProperty("installs", out var installs) || installs.ValueKind != JsonValueKind.Object
                || database.GetProperty("version") is var version && version.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
                || !Known(version.ValueKind == JsonValueKind.String ? version.GetString()! : version.GetRawText()))
            {
                why = Unsettled;
                return null;
            }

            return installs.EnumerateObject()
                .Select(p => (p.Name, Convert.ToBase64String(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(p.Value)))).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            why = ex.Message;
            return null;
        }
    }

    private static int Count(JsonElement element, string name) => element.EnumerateObject().Count(p => p.NameEquals(name));

    private static bool Known(string version)
    {
        try
        {
            DatabaseVersion.Check(version, "fuzz");
            return true;
        }
        catch (CacheMetaException)
        {
            return false;
        }
    }
}
