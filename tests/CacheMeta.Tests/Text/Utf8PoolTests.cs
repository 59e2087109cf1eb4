using System;
using System.Text;
using CacheMeta.Text;
using Xunit;

namespace CacheMeta.Tests.Text;

public class Utf8PoolTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Add(Utf8Pool<string> pool, string text)
    {
        Assert.False(pool.TryGet(Bytes(text), out _, out int hash));
        pool.Add(Bytes(text), hash, text);
        return text;
    }

    [Fact]
    public void FindsTheValueOfTheSameBytesAndNoOther()
    {
        var pool = new Utf8Pool<string>();
        string value = Add(pool, "gcc-runtime");

        Assert.True(pool.TryGet(Bytes("gcc-runtime"), out string found, out _));
        Assert.Same(value, found);
        Assert.False(pool.TryGet(Bytes("gcc-runtimf"), out _, out _));
        Assert.False(pool.TryGet(Bytes("gcc-runtim"), out _, out _));
        Assert.Equal(1, pool.Count);
    }

    // Keys share chunks that grow from 1 KB to 128 KB: every key must read back whole after the chunks it filled are
    // left behind, and a key larger than a chunk's quarter gets an array of its own.
    [Fact]
    public void KeysStayWholeAcrossChunks()
    {
        var pool = new Utf8Pool<string>();
        string first = Add(pool, new string('v', 5_000)); // larger than the first chunk would be
        var values = new string[20_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Add(pool, $"package-{i}-" + new string((char)('a' + (i % 26)), i % 37));
        }

        string large = Add(pool, new string('x', 40_000));
        string afterLarge = Add(pool, "after-the-large-key");

        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(pool.TryGet(Bytes(values[i]), out string found, out _), values[i]);
            Assert.Same(values[i], found);
        }

        Assert.True(pool.TryGet(Bytes(first), out string foundFirst, out _));
        Assert.Same(first, foundFirst);
        Assert.True(pool.TryGet(Bytes(large), out string foundLarge, out _));
        Assert.Same(large, foundLarge);
        Assert.True(pool.TryGet(Bytes(afterLarge), out string foundAfter, out _));
        Assert.Same(afterLarge, foundAfter);
        Assert.Equal(20_003, pool.Count);
    }

    [Fact]
    public void StartsOverBeyondItsLimitAndStillFindsWhatItAddsNext()
    {
        var pool = new Utf8Pool<string>();
        for (int i = 0; i < 1 << 16; i++)
        {
            Add(pool, "v" + i);
        }

        Assert.Equal(1 << 16, pool.Count);
        string next = Add(pool, "one-more");

        Assert.Equal(1, pool.Count);
        Assert.False(pool.TryGet(Bytes("v0"), out _, out _));
        Assert.True(pool.TryGet(Bytes("one-more"), out string found, out _));
        Assert.Same(next, found);
    }
}
