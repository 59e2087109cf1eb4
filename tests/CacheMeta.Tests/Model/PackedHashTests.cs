using System;
using System.Text;
using Xunit;

namespace CacheMeta.Tests.Model;

public class PackedHashTests
{
    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("77777777777777777777777777777777")]
    [InlineData("tdqky6o6kpjalmvvnekc55bpcghy3ekf")]
    [InlineData("abcdefghijklmnopqrstuvwxyz234567")]
    public void A_hash_packs_and_reads_back_as_the_same_text(string hash)
    {
        Assert.True(PackedHash.TryPack(Encoding.ASCII.GetBytes(hash), out var packed));
        Assert.Equal(hash, packed.ToString());
        Assert.True(PackedHash.TryPack(Encoding.ASCII.GetBytes(hash), out var again));
        Assert.Equal(packed, again);
        Assert.Equal(packed.GetHashCode(), again.GetHashCode());
    }

    [Theory]
    [InlineData("tdqky6o6kpjalmvvnekc55bpcghy3ek")] // 31 characters
    [InlineData("tdqky6o6kpjalmvvnekc55bpcghy3ekfa")] // 33
    [InlineData("Tdqky6o6kpjalmvvnekc55bpcghy3ekf")] // upper case
    [InlineData("tdqky6o6kpjalmvvnekc55bpcghy3ek1")] // 1 is not base32
    [InlineData("tdqky6o6kpjalmvvnekc55bpcghy3ek8")]
    public void Anything_but_32_base32_characters_is_not_packed(string text)
    {
        Assert.False(PackedHash.TryPack(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)] // the middle twelve characters
    [InlineData(31)] // the last eight
    public void EveryByteOutsideTheAlphabetIsRefusedInEveryPart(int position)
    {
        var bytes = Encoding.ASCII.GetBytes("tdqky6o6kpjalmvvnekc55bpcghy3ekf");
        int accepted = 0;
        for (int b = 0; b < 256; b++)
        {
            bytes[position] = (byte)b;
            bool inAlphabet = b is >= 'a' and <= 'z' or >= '2' and <= '7';
            Assert.Equal(inAlphabet, PackedHash.TryPack(bytes, out var packed));
            if (inAlphabet)
            {
                accepted++;
                Assert.Equal(Encoding.ASCII.GetString(bytes), packed.ToString());
            }
        }

        Assert.Equal(32, accepted);
    }

    [Fact]
    public void Hashes_that_differ_in_one_character_anywhere_differ_packed()
    {
        const string hash = "tdqky6o6kpjalmvvnekc55bpcghy3ekf";
        PackedHash.TryPack(Encoding.ASCII.GetBytes(hash), out var packed);
        for (int i = 0; i < hash.Length; i++)
        {
            var changed = hash.ToCharArray();
            changed[i] = changed[i] == 'a' ? 'b' : 'a';
            Assert.True(PackedHash.TryPack(Encoding.ASCII.GetBytes(changed), out var other));
            Assert.NotEqual(packed, other);
            Assert.Equal(new string(changed), other.ToString());
        }
    }

    [Fact]
    public void An_edge_made_from_a_packed_hash_gives_its_text()
    {
        PackedHash.TryPack(Encoding.ASCII.GetBytes("tdqky6o6kpjalmvvnekc55bpcghy3ekf"), out var packed);
        var edge = new DependencyEdge("zlib", packed, DependencyTypes.Link, null);
        Assert.Equal("tdqky6o6kpjalmvvnekc55bpcghy3ekf", edge.Hash);
        Assert.Same(edge.Hash, edge.Hash); // made once
        Assert.Equal("zlib /tdqky6o [Link]", edge.ToString());
    }
}
