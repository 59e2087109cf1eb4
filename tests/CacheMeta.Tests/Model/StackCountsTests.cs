using System;
using System.Collections;
using System.Collections.Generic;
using Xunit;

namespace CacheMeta.Tests.Model;

public sealed class StackCountsTests
{
    private static readonly StackCounts Counts = new(new[]
    {
        new KeyValuePair<string, int>("root", 61), new KeyValuePair<string, int>("e4s", 13),
    });

    [Fact]
    public void KeepsOrderAndIndexesCaseInsensitively()
    {
        Assert.Equal(new[] { "root", "e4s" }, Counts.Keys);
        Assert.Equal(13, Counts["E4S"]);
        Assert.Equal(0, Counts["missing"]);
        Assert.Equal("root=61, e4s=13", Counts.ToString());
    }

    [Fact]
    public void IsAReadOnlyDictionaryToPowerShell()
    {
        IDictionary dictionary = Counts;
        Assert.True(dictionary.IsReadOnly);
        Assert.Equal(13, dictionary["e4s"]);
        Assert.Null(dictionary["missing"]);
        Assert.Throws<NotSupportedException>(() => dictionary["e4s"] = 1);
        var enumerator = dictionary.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.Equal("root", enumerator.Key);
    }

    [Fact]
    public void RejectsAStackListedTwice() =>
        Assert.Throws<ArgumentException>(() => new StackCounts(new[] { new KeyValuePair<string, int>("a", 1), new KeyValuePair<string, int>("A", 2) }));
}
