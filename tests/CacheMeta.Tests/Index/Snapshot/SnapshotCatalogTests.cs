using System;
using System.IO;
using System.Linq;
using System.Text;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Index.Snapshot;

/// <summary>
/// A catalog's tag read again once its indexes' snapshots are written: root and stack indexes (stack membership,
/// -Stack, -CompleteStacks) and the graph queries (<c>^</c>, which read the JSON for every edge) answer as the first time.
/// </summary>
public sealed class SnapshotCatalogTests : ServerTest
{
    private readonly string _catalogUrl;

    public SnapshotCatalogTests()
    {
        Server.Serve("cache_spack_io_index.json", Encoding.UTF8.GetBytes(CatalogFixtures.Serve(Server)), "\"cat-1\"");
        _catalogUrl = Server.Url("cache_spack_io_index.json");
    }

    public static TheoryData<string, bool> Queries() => new()
    {
        { "all", false }, { "all", true }, { "-Stack e4s", false }, { "-Stack e4s", true }, { "-Name z*", true },
        { "-Spec %gcc", false }, { "-Spec ^glibc", false }, { "-Spec zlib-ng ^glibc", true },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void EveryQueryAnswersTheSameOnceTheSnapshotsAreWritten(string query, bool completeStacks)
    {
        var spec = query switch
        {
            "all" => new SpecQuery(),
            "-Stack e4s" => new SpecQuery { Stack = new[] { "e4s" } },
            _ when query.StartsWith("-Name ", StringComparison.Ordinal) => new SpecQuery { Name = new[] { query.Substring(6) } },
            _ => new SpecQuery { Spec = new[] { query.Substring(6) } },
        };
        string[] Run() => new SourceRun(new CatalogSource(_catalogUrl, Options(), completeStacks), spec, observer: Observer).Specs
            .Select(SnapshotReading.Render).ToArray();

        var cold = Run();
        // Every index read whole for its specs once: the root, and the stacks (-CompleteStacks reads only their keys).
        new SourceRun(new CatalogSource(_catalogUrl, Options(), completeStacks: false), new SpecQuery());
        new SourceRun(new CatalogSource(_catalogUrl, Options(), completeStacks: false), new SpecQuery { Stack = new[] { "e4s", "ml" } });
        string[] snapshots = Directory.GetFiles(Path.Combine(CacheDir, "snapshots"), "*.snapshot", SearchOption.AllDirectories);
        Assert.Equal(3, snapshots.Length);
        Observer.Verbose.Clear();

        var fromSnapshots = Run();
        Assert.Equal(!query.Contains('^'), Observer.Verbose.Any(v => v.Contains("from its snapshot", StringComparison.Ordinal)));

        // The same question of the JSON, in the same state of the cache (a revalidated v3 index names its manifest as its source).
        foreach (string snapshot in snapshots)
        {
            File.WriteAllBytes(snapshot, Array.Empty<byte>());
        }

        Observer.Verbose.Clear();
        var fromJson = Run();
        Assert.DoesNotContain(Observer.Verbose, v => v.Contains("from its snapshot", StringComparison.Ordinal));
        Assert.NotEmpty(fromJson);
        Assert.Equal(cold.Length, fromJson.Length);
        Assert.Equal(fromJson, fromSnapshots);
    }
}
