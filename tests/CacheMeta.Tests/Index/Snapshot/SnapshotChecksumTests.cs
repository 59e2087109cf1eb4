using System;
using System.IO.Hashing;
using CacheMeta.Index.Snapshot;
using Xunit;

namespace CacheMeta.Tests.Index.Snapshot;

/// <summary>The snapshot's XXH64 is xxHash's XXH64: the reference implementation's answer for every length and seed tried.</summary>
public sealed class SnapshotChecksumTests
{
    [Fact]
    public void EveryLengthUpToAFewStripesHashesAsTheReference()
    {
        var random = new Random(17);
        var data = new byte[200];
        random.NextBytes(data);
        foreach (ulong seed in new[] { 0UL, 1UL, 0x9E3779B185EBCA87UL, ulong.MaxValue })
        {
            for (int length = 0; length <= data.Length; length++)
            {
                var slice = data.AsSpan(0, length);
                Assert.Equal(XxHash64.HashToUInt64(slice, unchecked((long)seed)), SnapshotChecksum.Hash(slice, seed));
            }
        }
    }

    [Fact]
    public void LargeInputsHashAsTheReference()
    {
        var data = new byte[(3 << 20) + 13];
        new Random(5).NextBytes(data);
        Assert.Equal(XxHash64.HashToUInt64(data), SnapshotChecksum.Hash(data));
        Assert.Equal(0xEF46DB3751D8E999UL, SnapshotChecksum.Hash(ReadOnlySpan<byte>.Empty)); // the published XXH64 of nothing
    }
}
