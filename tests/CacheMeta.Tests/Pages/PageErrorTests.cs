using System;
using System.Linq;
using System.Text;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

/// <summary>Bad pages give a CacheMetaException value with id, kind and the position of the fault.</summary>
public sealed class PageErrorTests
{
    private static readonly string Good = Fixtures.ZlibPage();

    private static CacheMetaException ErrorOf(string text) => ErrorOf(Encoding.UTF8.GetBytes(text));

    private static CacheMetaException ErrorOf(byte[] bytes)
    {
        var result = PageReader.ReadBytes(bytes, "bad.md");
        Assert.Null(result.Page);
        Assert.NotNull(result.Error);
        Assert.Equal("bad.md", result.Error!.Target);
        return result.Error;
    }

    // 1-based line and column of the first occurrence of 'needle' in 'text'.
    private static (int Line, int Column) Where(string text, string needle)
    {
        int index = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0, needle);
        int line = text.Take(index).Count(c => c == '\n') + 1;
        int lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        return (line, index - (index > 0 && text[index - 1] == '\n' ? index : lineStart) + 1);
    }

    private static void AssertAt(CacheMetaException error, string text, string needle, string reasonStart)
    {
        Assert.Equal(ErrorIds.InvalidCachePage, error.ErrorId);
        Assert.Equal(Where(text, needle), (error.Line, error.Column));
        Assert.StartsWith(reasonStart, error.Reason);
        Assert.StartsWith($"'bad.md', line {error.Line}, column {error.Column}: ", error.Message);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("title: x\n---", "The file does not start with a '---'")]
    [InlineData("\n---\ntitle: x\n---", "The file does not start with a '---'")]
    public void MissingFrontMatterIsReportedAtTheStart(string text, string reason)
    {
        var error = ErrorOf(text);
        Assert.Equal((ErrorIds.InvalidCachePage, CacheErrorKind.InvalidData, 1, 1), (error.ErrorId, error.Kind, error.Line, error.Column));
        Assert.StartsWith(reason, error.Reason);
    }

    [Fact]
    public void UnclosedAndTruncatedFrontMatterIsReportedAtTheEnd()
    {
        Assert.Equal(7, ErrorOf(Good.Substring(0, Good.Length - 3)).Line);
        var truncated = ErrorOf(Good.Substring(0, 600));
        Assert.Equal(6, truncated.Line);
        Assert.StartsWith("The front matter is not closed", truncated.Reason);
    }

    [Theory]
    [InlineData("---\n---")]
    [InlineData("---\n\n   \n---")]
    public void EmptyFrontMatter(string text) => Assert.Equal("The front matter is empty.", ErrorOf(text).Reason);

    [Fact]
    public void WrongTypesNameTheKeyAndPointAtTheValue()
    {
        string numSpecs = Good.Replace("\"num_specs\": 4", "\"num_specs\": \"4\"");
        AssertAt(ErrorOf(numSpecs), numSpecs, "\"4\"", "The value of 'meta.num_specs' must be a whole number, not a string ('4').");

        string stacks = Good.Replace("\"stacks\": [\"e4s\", \"root\"]", "\"stacks\": \"e4s\"");
        AssertAt(ErrorOf(stacks), stacks, "\"e4s\", \"target\"", "The value of 'stacks' must be a list, not a string ('e4s').");

        string nullHash = Good.Replace("\"hash\": \"aaaabbbbccccddddeeeeffffgggghhhh\"", "\"hash\": null");
        AssertAt(ErrorOf(nullHash), nullHash, "null", "The value of 'hash' must be a string, not null.");

        string size = Good.Replace("\"size\": \"-\"", "\"size\": \"big\"");
        AssertAt(ErrorOf(size), size, "\"big\"", "The value of 'size' must be a whole number");

        string details = Good.Substring(0, Good.IndexOf("spec_details", StringComparison.Ordinal)) + "spec_details: {\"a\": 1}\n---";
        AssertAt(ErrorOf(details), details, "{\"a\"", "The value of 'spec_details' must be a list, not a mapping.");
    }

    [Fact]
    public void MissingAndDuplicateKeys()
    {
        string noHash = Good.Replace("\"hash\": \"aaaabbbbccccddddeeeeffffgggghhhh\", ", "");
        AssertAt(ErrorOf(noHash), noHash, "{\"compiler\": \"gcc", "A spec_details record has no 'hash'.");

        string twice = Good.Replace("\"os\": \"sequoia\"", "\"os\": \"sequoia\", \"os\": \"ventura\"");
        AssertAt(ErrorOf(twice), twice, "\"os\": \"ventura\"", "The key 'os' appears twice in a spec_details record.");

        string topTwice = Good.Replace("layout: cache\n", "layout: cache\nlayout: page\n");
        AssertAt(ErrorOf(topTwice), topTwice, "layout: page", "The key 'layout' appears twice in the front matter.");

        Assert.Equal("The front matter has no 'title'.", ErrorOf(Good.Replace("title: \"zlib\"\n", "")).Reason);
        Assert.Equal("The front matter has neither 'spec_details' nor 'spec_files'.",
            ErrorOf(Good.Substring(0, Good.IndexOf("spec_details", StringComparison.Ordinal)) + "---").Reason);
    }

    [Fact]
    public void StackNamesDifferingOnlyInCaseAreRejected()
    {
        string text = Good.Replace("\"num_specs_by_stack\": {", "\"num_specs_by_stack\": {\"E4S\": 1, ");
        Assert.StartsWith("'num_specs_by_stack' lists a stack twice", ErrorOf(text).Reason);
    }

    [Theory]
    [InlineData("\"num_specs\": 4,", "\"num_specs\": 4")]
    [InlineData("\"oss\": [", "\"oss\": [[")]
    [InlineData("\"versions\": [\"1.3.1\"]}", "\"versions\": [\"1.3.1\"}")]
    public void InvalidJsonIsAYamlSyntaxErrorWithPosition(string from, string to)
    {
        var error = ErrorOf(Good.Replace(from, to));
        Assert.StartsWith("The front matter is not valid YAML: ", error.Reason);
        Assert.InRange(error.Line, 5, 7);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void YamlTagsAreNeverInstantiated()
    {
        string text = Good.Replace("title: \"zlib\"", "title: !!python/object:os.system \"zlib\"");
        var error = ErrorOf(text);
        AssertAt(error, text, "!!python", "The YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported");
    }

    [Fact]
    public void DeepNestingIsBoundedWithoutStackOverflow()
    {
        string text = "---\ntitle: x\nspec_details: " + new string('[', 100_000) + new string(']', 100_000) + "\n---";
        var error = ErrorOf(text);
        Assert.Equal(CacheErrorKind.LimitsExceeded, error.Kind);
        Assert.Equal((3, 14 + 64), (error.Line, error.Column)); // the mapping plus 63 lists is the limit
    }

    [Fact]
    public void AliasUseIsBounded()
    {
        var text = new StringBuilder("---\ntitle: x\nr: &r {hash: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}\nspec_details: [");
        text.Append(string.Join(", ", Enumerable.Repeat("*r", 300))).Append("]\n---");
        var error = ErrorOf(text.ToString());
        Assert.Equal(CacheErrorKind.LimitsExceeded, error.Kind);
        Assert.Contains("aliases", error.Reason);
    }

    [Fact]
    public void ControlCharactersAndInvalidUtf8ArePositioned()
    {
        string nul = Good.Replace("sequoia", "seq\0uoia");
        AssertAt(ErrorOf(nul), nul, "\0", "The front matter contains the control character U+0000");

        byte[] bytes = Encoding.UTF8.GetBytes(Good);
        int at = Good.IndexOf("sequoia", StringComparison.Ordinal);
        bytes[at] = 0xFF;
        var error = ErrorOf(bytes);
        Assert.Equal(Where(Good, "sequoia"), (error.Line, error.Column));
        Assert.Equal("The front matter is not valid UTF-8 (byte 0xFF).", error.Reason);
    }

    [Fact]
    public void OversizedFilesAreRefusedBeforeReading()
    {
        using var tree = new TempTree();
        string path = tree.Write("big/specs.md", Good + new string(' ', 2000));
        var result = PageReader.ReadFile(path, options: new PageReadOptions { MaxPageBytes = 1000 });

        Assert.Equal(ErrorIds.CachePageTooLarge, result.Error!.ErrorId);
        Assert.Equal(CacheErrorKind.LimitsExceeded, result.Error.Kind);
        Assert.Contains("over the 1,000-byte limit", result.Error.Message);
    }

    [Theory]
    [InlineData("\"os\": \"sequoia\"", "\"os\": \"{0}\"")]
    [InlineData("title: \"zlib\"", "title: \"{0}\"")]
    [InlineData("\"variants\": [\"+optimize\"", "\"variants\": [\"{0}\"")]
    public void AMultiMegabyteValueIsRefusedWithItsPosition(string from, string to)
    {
        string huge = new string('x', 3 * 1024 * 1024);
        string text = Good.Replace(from, string.Format(to, huge));
        var error = ErrorOf(text);

        Assert.Equal(CacheErrorKind.LimitsExceeded, error.Kind);
        Assert.Equal(Where(text, huge.Substring(0, 10)).Line, error.Line);
        Assert.Contains("3,145,728 characters is longer than the 1,048,576-character limit", error.Reason);
    }

    [Fact]
    public void AHundredMegabyteFileIsRefusedWithoutBeingRead()
    {
        using var tree = new TempTree();
        string path = System.IO.Path.Combine(tree.Root, "specs.md");
        using (var file = System.IO.File.Create(path))
        {
            file.SetLength(100L * 1024 * 1024); // sparse: no 100 MB written to disk
        }

        var result = PageReader.ReadFile(path);

        Assert.Equal(ErrorIds.CachePageTooLarge, result.Error!.ErrorId);
        Assert.Contains("104,857,600 bytes, over the 33,554,432-byte limit", result.Error.Message);
    }

    [Fact]
    public void AMissingFileIsObjectNotFound()
    {
        var result = PageReader.ReadFile("/nonexistent/specs.md");
        Assert.Equal((ErrorIds.PathNotFound, CacheErrorKind.ObjectNotFound), (result.Error!.ErrorId, result.Error.Kind));
    }
}
