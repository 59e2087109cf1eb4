using System.Text;
using CacheMeta.Pages;
using CacheMeta.Pages.Fast;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Pages;

/// <summary>The fast path's scanner accepts the generator's JSON subset and nothing it could read differently from YAML.</summary>
public sealed class JsonScannerTests
{
    private static bool Skips(string json)
    {
        var scanner = new JsonScanner(Encoding.ASCII.GetBytes(json));
        return scanner.TrySkipValue() && scanner.AtEnd();
    }

    [Theory]
    [InlineData("{\"a\": [\"x\", \"y\"], \"b\": {\"c\": null, \"d\": 12}, \"e\": []}")]
    [InlineData("{\"a\":1,\"b\":[true,false]}")]
    [InlineData("[ ]")]
    [InlineData("{}")]
    [InlineData("-0")]
    [InlineData("0")]
    [InlineData("\"\"")]
    public void AcceptsTheSubset(string json) => Assert.True(Skips(json), json);

    [Theory]
    [InlineData("\"a\\nb\"")]          // an escape: YAML decodes those
    [InlineData("1.5")]                 // a fraction: YAML reads a float
    [InlineData("1e3")]
    [InlineData("01")]                  // not JSON
    [InlineData("[1,]")]
    [InlineData("{\"a\" 1}")]          // YamlDotNet is lenient here; the fast path is not
    [InlineData("[\"a\": 1]")]         // YAML makes this a one-pair mapping
    [InlineData("nul")]
    [InlineData("nullx")]
    [InlineData("[1] #")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]")] // deeper than the fast path goes
    public void RejectsWhatItCannotReadAsYamlWould(string json) => Assert.False(Skips(json), json);

    [Fact]
    public void RejectsKeysLongerThanYamlTakes()
    {
        string longKey = new string('k', JsonScanner.MaxKeyLength + 1);
        Assert.True(Skips("{\"" + new string('k', JsonScanner.MaxKeyLength) + "\": 1}"));
        Assert.False(Skips("{\"" + longKey + "\": 1}"));
    }

    [Theory]
    [InlineData("\"os\": \"sequoia\"", "\"os\": \"seq\\u0075oia\"")]
    [InlineData("\"size\": \"-\"", "\"size\": 1.0")]
    [InlineData("{\"compiler\": ", "{\"" + "x" + "\": 1, \"compiler\": ")]
    public void WhatTheScannerLeavesToYamlStillReadsTheSame(string from, string to)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Fixtures.ZlibPage().Replace(from, to));
        var fast = new PageParser(CompiledQuery.All, packageOnly: false).Parse(bytes, "p");
        var yaml = new PageParser(CompiledQuery.All, packageOnly: false) { YamlOnly = true }.Parse(bytes, "p");

        Assert.Equal(yaml.Error?.Message, fast.Error?.Message);
        if (yaml.Page is not null)
        {
            PageAssert.Equal(yaml.Page, fast.Page!);
        }
    }
}
