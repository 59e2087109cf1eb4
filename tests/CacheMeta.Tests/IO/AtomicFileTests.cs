using System;
using System.IO;
using System.Text;
using CacheMeta.IO;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void WritesTheBytesAndCreatesTheFolder()
    {
        using var tree = new TempTree();
        string path = Path.Combine(tree.Root, "a", "b", "specs.md");

        AtomicFile.WriteAllBytes(path, Encoding.ASCII.GetBytes("---\n---"), overwrite: false);

        Assert.Equal("---\n---", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left
    }

    [Fact]
    public void RefusesToReplaceWithoutOverwriteAndLeavesTheFileAlone()
    {
        using var tree = new TempTree();
        string path = tree.Write("specs.md", "old");

        var error = Assert.Throws<CacheMetaException>(() => AtomicFile.WriteAllBytes(path, new byte[] { 1, 2 }, overwrite: false));

        Assert.Equal(ErrorIds.FileExists, error.ErrorId);
        Assert.Equal(CacheErrorKind.ResourceExists, error.Kind);
        Assert.Equal(path, error.Target);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(tree.Root));
    }

    [Fact]
    public void ReplacesWithOverwrite()
    {
        using var tree = new TempTree();
        string path = tree.Write("specs.md", "a longer old content");

        AtomicFile.WriteAllBytes(path, Encoding.ASCII.GetBytes("new"), overwrite: true);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(tree.Root));
    }

    [Fact]
    public void AFailingWriterLeavesNeitherHalfAFileNorATemporaryOne()
    {
        using var tree = new TempTree();
        string path = tree.Write("specs.md", "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[] { 1, 2, 3 }, 0, 3);
            throw new InvalidOperationException("download broke");
        }, overwrite: true));

        Assert.Equal("download broke", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(tree.Root));
    }

    [Fact]
    public void ReportsAnIoFailureAsFileWriteFailed()
    {
        using var tree = new TempTree();
        tree.Write("blocker", "a file where a folder should be");
        string path = Path.Combine(tree.Root, "blocker", "specs.md");

        var error = Assert.Throws<CacheMetaException>(() => AtomicFile.WriteAllBytes(path, new byte[] { 1 }, overwrite: false));

        Assert.Equal(ErrorIds.FileWriteFailed, error.ErrorId);
        Assert.Equal(CacheErrorKind.WriteError, error.Kind);
        Assert.Equal(path, error.Target);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }
}
