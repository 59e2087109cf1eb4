using System;
using System.Threading;
using CacheMeta.Graph;
using CacheMeta.Index;

namespace CacheMeta.Tests.Support;

/// <summary>Reads a graph from index bytes written to a temporary file.</summary>
internal static class GraphFixtures
{
    public static IndexGraph Read(byte[] index, GraphReadOptions? options = null)
    {
        using var tree = new TempTree();
        string path = tree.WriteBytes("index.json", index);
        using var local = LocalIndex.TryOpen(path, "index.json") ?? throw new InvalidOperationException("the fixture vanished");
        return IndexGraphReader.Read(local, options ?? new GraphReadOptions(), CancellationToken.None);
    }
}
