using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Completion;
using CacheMeta.Pages;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Completion;

public sealed class CompletionSourceTests
{
    private static CompletionValues ZlibSpecs()
    {
        var values = new CompletionValues();
        foreach (var spec in PageReader.ReadBytes(Encoding.UTF8.GetBytes(Fixtures.ZlibPage()), "p").Page!.Specs)
        {
            values.Add(spec);
        }

        var other = Fixtures.Page("cmake", "develop", new[] { Fixtures.Zlib[0] with { Version = "3.30.5", Variants = new[] { "+ownlibs", "build_system=generic" } } });
        values.Add(PageReader.ReadBytes(Encoding.UTF8.GetBytes(other), "q").Page!.Specs[0]);
        return values;
    }

    [Fact]
    public void SpecsGiveVersionsNewestFirstAndVariantsPerPackage()
    {
        var values = ZlibSpecs();
        Assert.Equal(new[] { "3.30.5", "1.3.1", "1.2.13" }, values.For(CompletionField.Version));
        Assert.Equal(new[] { "1.3.1", "1.2.13" }, values.For(CompletionField.Version, new[] { "zlib" }));
        Assert.Equal(new[] { "1.3.1", "1.2.13" }, values.For(CompletionField.Version, new[] { "Z*" }));
        Assert.Equal(new[] { "+optimize", "+pic", "+shared", "build_system=makefile", "~shared" }, values.For(CompletionField.Variant, new[] { "zlib" }));
        Assert.Equal(new[] { "+ownlibs", "build_system=generic" }, values.For(CompletionField.Variant, new[] { "cmake" }));
        Assert.Equal(7, values.For(CompletionField.Variant).Count);
        Assert.Empty(values.For(CompletionField.Version, new[] { "hdf5" }));
    }

    [Theory]
    [InlineData("", "cmake|zlib")]
    [InlineData("z", "zlib")]
    [InlineData("zlib@", "zlib@1.3.1|zlib@1.2.13")]
    [InlineData("zlib@1.3", "zlib@1.3.1")]
    [InlineData("zlib@1.3.1 %", "zlib@1.3.1 %apple-clang|zlib@1.3.1 %apple-clang@16.0.0|zlib@1.3.1 %gcc|zlib@1.3.1 %gcc@13.2.0|zlib@1.3.1 %oneapi|zlib@1.3.1 %oneapi@2024.2.1")]
    [InlineData("zlib %gcc@", "zlib %gcc@13.2.0")]
    [InlineData("zlib +s", "zlib +shared")]
    [InlineData("zlib ~", "zlib ~shared")]
    [InlineData("cmake build", "cmake build_system=generic")]
    [InlineData("zlib target=neo", "zlib target=neoverse_v1")]
    [InlineData("zlib os=", "zlib os=sequoia|zlib os=ubuntu22.04")]
    [InlineData("zlib platform=d", "zlib platform=darwin")]
    [InlineData("zlib ta", "zlib target=")]
    [InlineData("+own", "+ownlibs")]
    public void SpecsCompletePartByPart(string word, string expected)
    {
        var candidates = SpecCompletion.Candidates(ZlibSpecs(), word);
        Assert.Equal(expected, string.Join("|", CompletionMatcher.Complete(candidates, word).Select(c => c.Value)));
    }

    [Fact]
    public void ASpecWithSpacesIsQuoted() =>
        Assert.Equal("'zlib +shared'", CompletionMatcher.Complete(SpecCompletion.Candidates(ZlibSpecs(), "zlib +sh"), "zlib +sh").Single().CompletionText);

    [Fact]
    public void AFillThatRunsOutOfTimeOffersWhatItHasAndGoesOn()
    {
        // A source that gives one value, then blocks (a slow disk, a FIFO): the wait ends at the bound, with the value.
        using var release = new ManualResetEventSlim();
        using var fill = new CompletionFill("s", (values, token) =>
        {
            values.Add(CompletionField.Name, "first");
            release.Wait(token);
            values.Add(CompletionField.Name, "second");
        });

        var watch = Stopwatch.StartNew();
        var partial = fill.Wait(TimeSpan.FromMilliseconds(200));
        watch.Stop();
        Assert.Equal(new[] { "first" }, partial.For(CompletionField.Name));
        Assert.False(fill.IsComplete);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the wait must end at its bound, not when the source does");

        release.Set();
        Assert.Equal(new[] { "first", "second" }, fill.Wait(TimeSpan.FromSeconds(30)).For(CompletionField.Name));
        Assert.True(fill.IsComplete);
    }

    [Fact]
    public void AFailedFillKeepsWhatItRead()
    {
        using var fill = new CompletionFill("s", (values, _) =>
        {
            values.Add(CompletionField.Stack, "e4s");
            throw new IOException("disk gone");
        });

        Assert.Equal(new[] { "e4s" }, fill.Wait(TimeSpan.FromSeconds(30)).For(CompletionField.Stack));
    }

    [Fact]
    public void ADisposedFillStopsReading()
    {
        var fill = new CompletionFill("s", (values, token) =>
        {
            values.Add(CompletionField.Name, "a");
            token.WaitHandle.WaitOne();
            token.ThrowIfCancellationRequested();
        });

        fill.Wait(TimeSpan.FromMilliseconds(50));
        fill.Dispose();
        fill.Wait(TimeSpan.FromSeconds(30));
        Assert.True(fill.IsComplete);
    }

    [Fact]
    public void TheStampChangesWhenATagOrPackageFolderAppears()
    {
        using var tree = new TempTree();
        tree.Write("_cache/develop/zlib/specs.md", Fixtures.ZlibPage());
        var roots = new[] { tree.Root };
        string before = SourceStamp.Of(roots);
        Assert.Equal(before, SourceStamp.Of(roots));

        var cache = Path.Combine(tree.Root, "_cache");
        Directory.CreateDirectory(Path.Combine(cache, "v0.23.1"));
        Directory.SetLastWriteTimeUtc(cache, Directory.GetLastWriteTimeUtc(cache).AddSeconds(5)); // coarse file system clocks
        string newTag = SourceStamp.Of(roots);
        Assert.NotEqual(before, newTag);

        string develop = Path.Combine(cache, "develop");
        Directory.CreateDirectory(Path.Combine(develop, "hdf5"));
        Directory.SetLastWriteTimeUtc(develop, Directory.GetLastWriteTimeUtc(develop).AddSeconds(5));
        Assert.NotEqual(newTag, SourceStamp.Of(roots));
        Assert.NotEqual(newTag, SourceStamp.Of(new[] { cache }));
    }

    [Fact]
    public void TheStampOfAFileFollowsItsLengthAndOfAMissingPathSaysSo()
    {
        using var tree = new TempTree();
        string file = tree.Write("tags.yaml", "- name: develop\n");
        string before = SourceStamp.Of(new[] { file });
        File.AppendAllText(file, "- name: v0.23.1\n");
        Assert.NotEqual(before, SourceStamp.Of(new[] { file }));
        Assert.Equal("missing;", SourceStamp.Of(new[] { Path.Combine(tree.Root, "nowhere") }));
    }
}
