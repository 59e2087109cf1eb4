using System;
using System.Linq;
using System.Text;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Tests.Index.Snapshot;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// A spec whose compiler's record comes later in the file is handed out in its place: the record is found ahead, by
/// its key's bytes in a plain file or by a cut of the document where bytes cannot be sure (a compressed file, an escaped
/// key), and every answer is checked against the record when the read gets there.
/// </summary>
public sealed class RecordLookAheadTests : IDisposable
{
    private static readonly string Gcc = IndexFixtures.Hash("lagcc"), Llvm = IndexFixtures.Hash("lallvm");
    private static readonly string Zlib = IndexFixtures.Hash("lazlib"), Zstd = IndexFixtures.Hash("lazstd"), Xz = IndexFixtures.Hash("laxz");
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Spec(string hash, string name, string compiler, string extra = "") =>
        $"\"{hash}\": {{\"spec\": {{\"name\": \"{name}\", \"version\": \"1.0\", \"arch\": {{\"platform\": \"linux\", \"platform_os\": \"rhel8\", \"target\": \"x86_64\"}},"
        + $" \"dependencies\": [{{\"name\": \"cc\", \"hash\": \"{compiler}\", \"parameters\": {{\"deptypes\": [\"build\"], \"virtuals\": [\"c\"]}}}}]{extra}}}, \"in_buildcache\": true}}";

    private static string Compiler(string key, string name, string version) =>
        $"\"{key}\": {{\"spec\": {{\"name\": \"{name}\", \"version\": \"{version}\"}}, \"in_buildcache\": false}}";

    private static byte[] Document(params string[] records) =>
        Encoding.UTF8.GetBytes("{\"database\": {\"version\": \"8\", \"installs\": {" + string.Join(", ", records) + "}}}");

    // Specs before both their compilers, one of them (zstd's llvm) far ahead of the first window the search reads.
    private static byte[] CompilersLast(string? gccKey = null) => Document(
        Spec(Zlib, "zlib", Gcc), Spec(Zstd, "zstd", Llvm, ", \"annotations\": {\"pad\": \"" + new string('p', 3 << 20) + "\"}"),
        Spec(Xz, "xz", Gcc), Compiler(gccKey ?? Gcc, "gcc", "13.2.0"), Compiler(Llvm, "llvm", "18.1.0"));

    // The key with its first character written as a JSON escape.
    private static string Escaped(string key) => "\\u00" + ((int)key[0]).ToString("x2") + key.Substring(1);

    private Reading Read(byte[] bytes, string name = "index.json") =>
        SnapshotReading.Read(_tree.WriteBytes("la/" + name, bytes), CompiledQuery.All, null);

    private static string[] HashesAndCompilers(Reading reading) => reading.Specs
        .Select(s => Field(s, "Hash") + " " + Field(s, "Compiler")).ToArray();

    private static string Field(string rendered, string name) =>
        rendered.Split(" | ").Single(p => p.StartsWith(name + "=", StringComparison.Ordinal)).Substring(name.Length + 1);

    [Fact]
    public void SpecsBeforeTheirCompilersComeInFileOrderWithTheirCompilers()
    {
        var reading = Read(CompilersLast());
        Assert.Null(reading.Error);
        Assert.Empty(reading.Warnings);
        Assert.Equal(new[] { Zlib + " gcc@13.2.0", Zstd + " llvm@18.1.0", Xz + " gcc@13.2.0" }, HashesAndCompilers(reading));
    }

    [Fact]
    public void ACompressedOrEscapedIndexReadsTheSameThroughACut()
    {
        string expected = Read(CompilersLast()).Outcome;
        Assert.Equal(expected, Read(IndexFixtures.Gzip(CompilersLast()), "gzip.json").Outcome);
        Assert.Equal(expected, Read(CompilersLast(Escaped(Gcc)), "escaped.json").Outcome);
    }

    [Theory]
    [InlineData("plain", false, true, 0)]
    [InlineData("gzip", true, true, 1)]
    [InlineData("escaped key", false, true, 1)]
    [InlineData("missing, no escapes", false, false, 0)]
    [InlineData("missing, an escape", false, false, 1)]
    public void TheSearchCutsOnlyWhereBytesCannotBeSure(string kind, bool gzip, bool found, int cuts)
    {
        string key = kind switch
        {
            "escaped key" => Escaped(Gcc),
            "missing, no escapes" or "missing, an escape" => IndexFixtures.Hash("laother"),
            _ => Gcc,
        };
        string extra = kind == "missing, an escape" ? ", \"annotations\": {\"note\": \"caf\\u00e9\"}" : "";
        byte[] bytes = Document(Spec(Zlib, "zlib", Gcc, extra), Compiler(key, "gcc", "13.2.0"));
        using var index = LocalIndex.TryOpen(_tree.WriteBytes("la/" + kind + ".json", gzip ? IndexFixtures.Gzip(bytes) : bytes), "index.json")!;
        using var lookAhead = new RecordLookAhead(index, new IndexRecordParser(8), plain: !gzip, isPassedRecord: _ => false);
        Assert.Equal(found, lookAhead.TryFind(Gcc, _ => true, passed: 0, out string name, out string version, out bool certain));
        Assert.Equal(found ? "gcc@13.2.0" : "@", name + "@" + version);
        Assert.Equal(cuts, lookAhead.Cuts);
        Assert.Equal(!found || cuts > 0, certain); // found by its bytes ahead of the read: the reader checks it
    }

    [Theory]
    [InlineData("\\\"")] // an escaped quote: the key's text is inside a string
    [InlineData("\\\\\\\"")] // an escaped backslash, then an escaped quote
    public void QuotedTextInsideAStringIsNoKey(string before)
    {
        string fake = $"\"{before}{Gcc}\\\": {{\\\"spec\\\": {{\\\"name\\\": \\\"fake\\\", \\\"version\\\": \\\"0\\\"}}}}\"";
        var reading = Read(Document(Spec(Zlib, "zlib", Gcc, ", \"annotations\": {\"note\": " + fake + "}"), Compiler(Gcc, "gcc", "13.2.0")));
        Assert.Null(reading.Error);
        Assert.Empty(reading.Warnings);
        Assert.Equal(new[] { Zlib + " gcc@13.2.0" }, HashesAndCompilers(reading));
    }

    [Fact]
    public void AnObjectOfTheKeyOutsideTheRecordsIsFoundFirstAndToldWhenTheRecordDiffers()
    {
        string fake = $", \"annotations\": {{\"{Gcc}\": {{\"spec\": {{\"name\": \"fake\", \"version\": \"0\"}}}}}}";
        var reading = Read(Document(Spec(Zlib, "zlib", Gcc, fake), Compiler(Gcc, "gcc", "13.2.0"), Spec(Xz, "xz", Gcc)));
        Assert.Equal(new[] { Zlib + " fake@0", Xz + " gcc@13.2.0" }, HashesAndCompilers(reading));
        Assert.Equal(new[]
        {
            $"The index record '{Gcc}' in index.json reads as gcc@13.2.0, but an earlier object of that key read as fake@0, "
                + "and specs before the record were given that compiler.",
        }, reading.Warnings);
    }

    [Fact]
    public void AnObjectOfTheKeyOutsideTheRecordsAmongThoseReadIsPassedOver()
    {
        // The fake lies in a record the read has passed, before the compiler's record, which the read has passed too:
        // the search knows where the records it passed start, so it takes the record.
        string fake = $", \"annotations\": {{\"{Gcc}\": {{\"spec\": {{\"name\": \"fake\", \"version\": \"0\"}}}}}}";
        var reading = Read(Document(Spec(Zstd, "zstd", Llvm, fake), Compiler(Gcc, "gcc", "13.2.0"), Compiler(Llvm, "llvm", "18.1.0"),
            Spec(Zlib, "zlib", Gcc)));
        Assert.Empty(reading.Warnings);
        Assert.Equal(new[] { Zstd + " llvm@18.1.0", Zlib + " gcc@13.2.0" }, HashesAndCompilers(reading));
    }

    [Fact]
    public void AnObjectOfTheKeyOutsideTheRecordsIsToldWhenNoRecordHasTheKey()
    {
        string fake = $", \"annotations\": {{\"{Gcc}\": {{\"spec\": {{\"name\": \"fake\", \"version\": \"0\"}}}}}}";
        var reading = Read(Document(Spec(Zlib, "zlib", Gcc, fake)));
        Assert.Equal(new[] { Zlib + " fake@0" }, HashesAndCompilers(reading));
        Assert.Equal(new[]
        {
            $"The compiler '{Gcc}' that specs in index.json were given (fake@0) is not a record of the index: that key keys some other object in it.",
        }, reading.Warnings);
    }

    [Fact]
    public void SpecsWhoseCompilerTheIndexLacksStillComeLast()
    {
        string missing = IndexFixtures.Hash("lamissing");
        var reading = Read(Document(Spec(Zlib, "zlib", missing), Spec(Zstd, "zstd", Llvm), Compiler(Llvm, "llvm", "18.1.0"),
            $"\"{missing}\": {{\"spec\": {{\"name\": \"gcc\", \"version\": \"1\"}}, \"in_buildcache\": \"yes\"}}")); // does not read
        Assert.Equal(new[] { $"Skipped the index record '{missing}' in index.json: 'in_buildcache' is not true or false." }, reading.Warnings);
        Assert.Equal(new[] { Zstd + " llvm@18.1.0", Zlib + " none" }, HashesAndCompilers(reading));
    }
}
