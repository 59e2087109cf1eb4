using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>Faults the fuzzer found in the index and catalog readers, kept as plain regression tests.</summary>
public sealed class HostileIndexTests
{
    private static (CacheSpec[] Specs, RecordingObserver Observer) ReadIndex(byte[] content)
    {
        using var tree = new TempTree();
        string path = tree.WriteBytes("index.json", content);
        using var index = LocalIndex.TryOpen(path, path)!;
        var observer = new RecordingObserver();
        return (new IndexSpecReader(index, new IndexReadScope(null), CompiledQuery.All, observer).Read(CancellationToken.None).ToArray(), observer);
    }

    // Replaces the first occurrence of an ASCII text with bytes that are not UTF-8.
    private static byte[] Corrupt(byte[] content, string text)
    {
        int at = Encoding.UTF8.GetString(content).IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, text);
        var copy = (byte[])content.Clone();
        copy[at] = 0xC3;
        copy[at + 1] = 0x28; // 0xC3 must be followed by a continuation byte; '(' is not one
        return copy;
    }

    [Fact]
    public void ARecordWithInvalidUtf8IsSkippedWithAWarningNamingItsHash()
    {
        var good = ReadIndex(IndexFixtures.V7Index()).Specs;
        var (specs, observer) = ReadIndex(Corrupt(IndexFixtures.V7Index(), "sequoia"));

        Assert.Equal(good.Length - 1, specs.Length);
        string skipped = Assert.Single(good.Select(s => s.Hash!).Except(specs.Select(s => s.Hash!)));
        Assert.Contains(observer.Warnings, w => w.Contains(skipped, StringComparison.Ordinal));
    }

    [Fact]
    public void ACatalogWithInvalidUtf8IsAnInvalidCatalog()
    {
        byte[] catalog = Encoding.UTF8.GetBytes("{\"develop\": [{\"label\": \"root\", \"url\": \"https://x/develop/build_cache/index.json\"}]}");
        var error = Assert.Throws<CacheMetaException>(() => Catalog.Parse(Corrupt(catalog, "root"), "catalog.json"));

        Assert.Equal(ErrorIds.InvalidCatalog, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidData, error.Kind);
        Assert.Equal("catalog.json", error.Target);
    }
}
