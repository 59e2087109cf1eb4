using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Binaries.Signing;
using CacheMeta.Http;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

/// <summary>
/// samples/binaries/signed: the small signed v3 mirror the help and README examples run on. Its key was made by
/// <see cref="Write"/> and only its public half was kept (samples/binaries/keys, beside the v2 sample's). Set
/// CACHEMETA_WRITE_SAMPLES=1 to write the mirror afresh (a new key, new signatures); the test then checks what it wrote.
/// </summary>
public class SampleMirrorTests : IDisposable
{
    private static readonly string Root = Path.Combine(TestPaths.RepoRoot, "samples", "binaries", "signed");

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Every_entry_of_the_sample_mirror_is_there_and_validly_signed()
    {
        if (Environment.GetEnvironmentVariable("CACHEMETA_WRITE_SAMPLES") == "1")
        {
            Write();
        }

        var (specs, binaries, signatures) = SampleMirrors.Read(Root, Path.Combine(_tree.Root, "cache"));

        Assert.Equal(new[] { "cmake", "gcc-runtime", "hdf5", "zlib-ng" }, specs.Select(s => s.Package).OrderBy(p => p).ToArray());
        Assert.All(binaries, b => Assert.True(b.Signed && b.Size > 0 && b.Size < 4096));
        Assert.All(signatures, s => Assert.Equal(SignatureStatus.Valid, s.Status));
        Assert.Single(signatures.Select(s => s.KeyFingerprint).Distinct());
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleMirrors.KeyFolder, signatures[0].KeyFingerprint + ".pub")),
            File.ReadAllBytes(Directory.GetFiles(Path.Combine(Root, "blobs"), "*", SearchOption.AllDirectories)
                .Single(f => File.ReadAllText(f).Contains("BEGIN PGP PUBLIC KEY BLOCK", StringComparison.Ordinal))));
        SampleMirrors.AssertTarballs(binaries);
    }

    private static void Write()
    {
        SampleMirrors.Clear(Root, Path.Combine("v3", "manifests", "key"), ".key.manifest.json");
        var key = TestKey.Generate("CacheMeta Sample Mirror <samples@cachemeta.invalid>");
        var mirror = new BinaryMirror(3);
        byte[] index = SampleMirrors.Index();
        foreach (var record in SampleMirrors.Records().Where(r => r.InCache))
        {
            var spec = BinaryMirror.Spec(Root + Path.DirectorySeparatorChar, 3, record.Name, record.Version, record.Hash);
            mirror.Add(spec, key, SampleMirrors.Tarball(record.Name, record.Version));
        }

        mirror.Publish(key);
        mirror.Write(Root);
        string sum = IndexFixtures.Sha256(index);
        Directory.CreateDirectory(Path.Combine(Root, "blobs", "sha256", sum.Substring(0, 2)));
        File.WriteAllBytes(Path.Combine(Root, "blobs", "sha256", sum.Substring(0, 2), sum), index);
        Directory.CreateDirectory(Path.Combine(Root, "v3", "manifests", "index"));
        File.WriteAllBytes(Path.Combine(Root, "v3", "manifests", "index", "index.manifest.json"), MirrorFixtures.Manifest(sum, index.Length, false, 8));
        File.WriteAllText(Path.Combine(Root, "v3", "layout.json"), "{\"signing\": \"gpg\"}\n");
        SampleMirrors.Finish(Root, key);
    }
}
