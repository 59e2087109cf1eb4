using System;
using System.Collections.Generic;
using CacheMeta.Text;
using Xunit;

namespace CacheMeta.Tests.Text;

/// <summary>Expected texts are what CPython 3 prints for <c>json.dumps(value, sort_keys=True)</c>.</summary>
public sealed class PythonJsonTests
{
    [Fact]
    public void SortsKeysByCodePointWithPythonSeparators()
    {
        var value = new Dictionary<string, object?>
        {
            ["b"] = 1,
            ["a"] = new[] { "x", "y" },
            ["\uFF21"] = null, // fullwidth A: a BMP character above the surrogates' UTF-16 range...
            ["\U0001F600"] = true, // ...sorts before an astral one, as in Python, not after it as in ordinal UTF-16
            ["B"] = -5L,
        };

        Assert.Equal("{\"B\": -5, \"a\": [\"x\", \"y\"], \"b\": 1, \"\\uff21\": null, \"\\ud83d\\ude00\": true}", PythonJson.Serialize(value));
    }

    [Fact]
    public void EscapesAsEnsureAsciiDoes()
    {
        string text = "q\"b\\n\n\r\t\b\f\u0001\u001f\u007f e\u00e9\u20ac\uffff\U0001F600/";

        Assert.Equal("\"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f e\\u00e9\\u20ac\\uffff\\ud83d\\ude00/\"", PythonJson.Serialize(text));
    }

    [Fact]
    public void EscapesALoneSurrogateAsPythonDoes()
    {
        Assert.Equal("\"a\\udc80b\"", PythonJson.Serialize("a\uDC80b"));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void WritesIntegersPlain(long value, string expected)
    {
        Assert.Equal(expected, PythonJson.Serialize(value));
    }

    [Fact]
    public void WritesEmptyContainersAndNestedValues()
    {
        var value = new Dictionary<string, object?> { ["k"] = Array.Empty<string>(), ["e"] = new Dictionary<string, object?>(), ["n"] = new object?[] { 1, "two", null, false } };

        Assert.Equal("{\"e\": {}, \"k\": [], \"n\": [1, \"two\", null, false]}", PythonJson.Serialize(value));
    }

    [Fact]
    public void RefusesValuesAPageNeverHolds()
    {
        Assert.Throws<ArgumentException>(() => PythonJson.Serialize(1.5));
        Assert.Throws<ArgumentException>(() => PythonJson.Serialize(new Dictionary<int, string> { [1] = "x" }));
    }
}
