using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using CacheMeta.Index;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// The byte-level reading of a canonical dependency list: what it finds in a list, which lists it refuses, and the
/// reader it leaves behind, which must be the reader a token-by-token reading leaves, down to every field of its state
/// and every token and error after the list.
/// </summary>
public sealed class EdgeListScannerTests
{
    private const string Llvm = "{\"name\":\"llvm\",\"hash\":\"2lkt3gqgwgy4ywn5ykrbkgsv2cnbn4wp\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[\"c\",\"cxx\",\"fortran\"]}}";
    private const string Glibc = "{\"name\":\"glibc\",\"hash\":\"abcdefghijklmnopqrstuvwxyz234567\",\"parameters\":{\"deptypes\":[\"link\",\"run\",\"test\",\"build\"],\"virtuals\":[]}}";
    private const string Zlib = "{\"name\":\"zlib-ng\",\"hash\":\"\",\"parameters\":{\"deptypes\":[],\"virtuals\":[\"zlib-api\"]}}";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void ACanonicalListGivesEachEdgesValuesWhereTheyLie()
    {
        string prefix = "xx";
        byte[] json = Bytes(prefix + "[" + Llvm + "," + Glibc + "," + Zlib + "]tail");
        var scanner = new EdgeListScanner();

        int end = scanner.Scan(json, prefix.Length);

        Assert.Equal(json.Length - "tail".Length, end);
        Assert.Equal(3, scanner.Count);
        string Text(int start, int length) => Encoding.ASCII.GetString(json, start, length);
        Assert.Equal(new[] { "llvm", "glibc", "zlib-ng" }, Enumerable.Range(0, 3).Select(i => Text(scanner[i].NameStart, scanner[i].NameLength)));
        Assert.Equal(new[] { "2lkt3gqgwgy4ywn5ykrbkgsv2cnbn4wp", "abcdefghijklmnopqrstuvwxyz234567", "" },
            Enumerable.Range(0, 3).Select(i => Text(scanner[i].HashStart, scanner[i].HashLength)));
        Assert.Equal(new[] { "[\"c\",\"cxx\",\"fortran\"]", "[]", "[\"zlib-api\"]" },
            Enumerable.Range(0, 3).Select(i => Text(scanner[i].VirtualsStart, scanner[i].VirtualsLength)));
        Assert.Equal(DependencyTypes.Build, scanner[0].Types);
        Assert.Equal(DependencyTypes.Build | DependencyTypes.Link | DependencyTypes.Run | DependencyTypes.Test, scanner[1].Types);
        Assert.Equal(DependencyTypes.None, scanner[2].Types);
    }

    [Fact]
    public void AListLongerThanTheFirstTableReadsWhole()
    {
        byte[] json = Bytes("[" + string.Join(",", Enumerable.Repeat(Llvm, 40)) + "]");
        var scanner = new EdgeListScanner();
        Assert.Equal(json.Length, scanner.Scan(json, 0));
        Assert.Equal(40, scanner.Count);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[ " + Llvm + "]")]
    [InlineData("[" + Llvm + " ]")]
    [InlineData("[" + Llvm + ", " + Llvm + "]")]
    [InlineData("[{\"name\": \"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"ll\\u0076m\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[\"\\u0063\"]}}]")]
    [InlineData("[{\"hash\":\"h\",\"name\":\"llvm\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"virtuals\":[],\"deptypes\":[\"build\"]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[],\"direct\":true}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"build_hash\":\"b\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"type\":[\"build\"]}]")]
    [InlineData("[{\"name\":\"llvm\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":7,\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"compile\"],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":\"build\",\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[1]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":null}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\",],\"virtuals\":[]}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}},]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}}]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}" + "\"x\"]")]
    [InlineData("[{\"name\":\"llvm\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[\"c\"")]
    [InlineData("[{\"name\":\"ll")]
    [InlineData("[\"llvm\"]")]
    [InlineData("[[]]")]
    public void AnyOtherListIsNotCanonical(string list)
    {
        Assert.Equal(-1, new EdgeListScanner().Scan(Bytes(list), 0));
    }

    [Theory]
    [InlineData(0x09)]
    [InlineData(0x0A)]
    [InlineData(0x1F)]
    [InlineData(0x7F)]
    [InlineData(0xC3)]
    [InlineData(0xFF)]
    public void ANameWithAControlOrNonAsciiByteIsNotCanonical(int value)
    {
        byte[] json = Bytes("[{\"name\":\"ll#m\",\"hash\":\"h\",\"parameters\":{\"deptypes\":[\"build\"],\"virtuals\":[]}}]");
        json[Array.IndexOf(json, (byte)'#')] = (byte)value;
        Assert.Equal(-1, new EdgeListScanner().Scan(json, 0));
    }

    // Records whose list is followed by every kind of continuation: more members, a second list, an error after the
    // list, trailing text after the record, a line break later on (line numbers), a line break before the list.
    public static TheoryData<string> Records() => new()
    {
        "{\"spec\":{\"name\":\"a\",\"dependencies\":[" + Llvm + "," + Glibc + "],\"version\":\"1\",\"hash\":\"x\"},\"in_buildcache\":true}",
        "{\"spec\":{\"dependencies\":[" + Llvm + "]}}",
        "{\"spec\":{\"dependencies\":[" + Llvm + "],\"dependencies\":[" + Zlib + "]}}",
        "{\"spec\":{\"dependencies\":[" + Llvm + "],\"version\":}}",
        "{\"spec\":{\"dependencies\":[" + Llvm + "]]}",
        "{\"spec\":{\"dependencies\":[" + Llvm + "]}}}",
        "{\"spec\":{\"dependencies\":[" + Llvm + "]}} x",
        "{\"spec\":{\"dependencies\":[" + Llvm + "]",
        "{\"spec\":{\"dependencies\":[" + Llvm + "],\n\"v\":\"\\u00e9\",\n \"w\": [1, {\"z\": nul}]}}",
        "{\n\"spec\":\n  {\"dependencies\":[" + Llvm + "], \"v\": tru}}",
        "{\"spec\":{\"dependencies\":[],\"v\":[1]}}",
        "{\"spec\":{\"dependencies\":[1],\"v\":[1]}}",
        "{\"spec\":{\"dependencies\":[\"c\",[{}]],\"v\":[1,}}",
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void TheReaderMovedPastAListIsTheReaderThatReadIt(string text) =>
        ReaderStates.AssertMovedPastAsRead(text, JsonTokenType.StartArray, 0, new JsonReaderFastForward().PastArray);
}
