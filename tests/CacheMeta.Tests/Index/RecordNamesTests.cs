using System.Globalization;
using CacheMeta.Index;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>The records a read has passed, by hash: packed keys in the table, any other key beside it.</summary>
public sealed class RecordNamesTests
{
    // 32 base32 characters from a number: distinct numbers give distinct hashes.
    private static string Hash(int n)
    {
        var text = new char[32];
        for (int i = 31; i >= 0; i--, n /= 32)
        {
            int v = n % 32;
            text[i] = v < 26 ? (char)('a' + v) : (char)('2' + v - 26);
        }

        return new string(text);
    }

    [Fact]
    public void EveryRecordIsFoundAfterTheTableGrowsAndTheLatestOfAKeyWins()
    {
        var names = new RecordNames(expected: 10);
        for (int i = 0; i < 5000; i++)
        {
            names.Set(Hash(i), "p" + i.ToString(CultureInfo.InvariantCulture), "1");
        }

        names.Set(Hash(42), "again", "2");
        for (int i = 0; i < 5000; i++)
        {
            Assert.True(names.TryGet(Hash(i), out string name, out string version));
            Assert.Equal(i == 42 ? "again@2" : "p" + i.ToString(CultureInfo.InvariantCulture) + "@1", name + "@" + version);
        }

        Assert.False(names.TryGet(Hash(5000), out _, out _));
    }

    [Theory]
    [InlineData("not_a_packed_hash")] // word characters, another length
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")] // upper case does not pack
    [InlineData("abcdefghijklmnopqrstuvwxyz234561")] // 1 is not base32
    public void AKeyThatDoesNotPackIsKeptBesideTheTable(string key)
    {
        var names = new RecordNames(expected: 0);
        Assert.False(names.TryGet(key, out _, out _));
        names.Set(key, "gcc", "13.2.0");
        Assert.True(names.TryGet(key, out string name, out string version));
        Assert.Equal("gcc@13.2.0", name + "@" + version);
        Assert.False(names.TryGet(key.ToLowerInvariant() == key ? Hash(1) : key.ToLowerInvariant(), out _, out _));
    }
}
