using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Binaries.Signing;
using CacheMeta.Http;
using CacheMeta.Mirrors;
using CacheMeta.Sources;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

/// <summary>
/// samples/binaries/signed-v2: the same four binaries as samples/binaries/signed in the v2 layout (build_cache/ with
/// clearsigned .spec.json.sig files, .spack tarballs, _pgp/ and index.json with its .hash), signed by a key of its own
/// whose public half is samples/binaries/keys/&lt;FINGERPRINT&gt;.pub (the v3 sample's private key was never kept).
/// Set CACHEMETA_WRITE_SAMPLES=1 to write it afresh (a new key, new signatures); the test then checks what it wrote.
/// </summary>
public class SampleV2MirrorTests : IDisposable
{
    private static readonly string Root = Path.Combine(TestPaths.RepoRoot, "samples", "binaries", "signed-v2");

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Every_entry_of_the_v2_sample_mirror_is_there_and_validly_signed_by_its_own_key()
    {
        if (Environment.GetEnvironmentVariable("CACHEMETA_WRITE_SAMPLES") == "1")
        {
            Write();
        }

        var (specs, binaries, signatures) = SampleMirrors.Read(Root, Path.Combine(_tree.Root, "cache"));

        Assert.Equal(new[] { "cmake", "gcc-runtime", "hdf5", "zlib-ng" }, specs.Select(s => s.Package).OrderBy(p => p).ToArray());
        Assert.Equal("x86_64_v3", specs.Single(s => s.Package == "hdf5").Target); // the target the README's example asks for
        Assert.All(binaries, b => Assert.True(b.Layout == 2 && b.Signed && b.Size > 0 && b.Size < 4096));
        Assert.All(signatures, s => Assert.Equal(SignatureStatus.Valid, s.Status));
        string fingerprint = signatures.Select(s => s.KeyFingerprint!).Distinct().Single();
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleMirrors.KeyFolder, fingerprint + ".pub")),
            File.ReadAllBytes(Path.Combine(Root, "build_cache", "_pgp", fingerprint + ".pub")));
        Assert.Equal("{\"keys\":{\"" + fingerprint + "\":{}}}", File.ReadAllText(Path.Combine(Root, "build_cache", "_pgp", "index.json")));
        Assert.Equal(IndexFixtures.Sha256(File.ReadAllBytes(Path.Combine(Root, "build_cache", "index.json"))),
            File.ReadAllText(Path.Combine(Root, "build_cache", "index.json.hash")));
        SampleMirrors.AssertTarballs(binaries);
    }

    [Fact]
    public void The_keys_folder_holds_the_public_half_of_each_samples_key_and_nothing_else()
    {
        string v3 = Path.GetFileName(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "binaries", "signed", "v3", "manifests", "key"), "*.key.manifest.json").Single());
        string v2 = Path.GetFileName(Directory.GetFiles(Path.Combine(Root, "build_cache", "_pgp"), "*.pub").Single());

        var expected = new[] { v3.Substring(0, 40) + ".pub", v2 }.OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFiles(SampleMirrors.KeyFolder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        Assert.NotEqual(v3.Substring(0, 40) + ".pub", v2); // a key of its own
        foreach (string file in Directory.GetFiles(SampleMirrors.KeyFolder))
        {
            Assert.DoesNotContain("PRIVATE", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static void Write()
    {
        SampleMirrors.Clear(Root, Path.Combine("build_cache", "_pgp"), ".pub");
        var key = TestKey.Generate("CacheMeta Sample v2 Mirror <samples-v2@cachemeta.invalid>");
        byte[] index = SampleMirrors.Index();
        Directory.CreateDirectory(Path.Combine(Root, "build_cache"));
        File.WriteAllBytes(Path.Combine(Root, "build_cache", "index.json"), index);
        File.WriteAllBytes(Path.Combine(Root, "build_cache", "index.json.hash"), Encoding.ASCII.GetBytes(IndexFixtures.Sha256(index))); // as Spack writes it: no newline

        // The entries are named as the readers name the index's specs (compiler, arch), so they are read from it.
        var specs = new SourceRun(new MirrorSource(new[] { Root }, new FetchOptions { Offline = true, CacheDirectory = Path.Combine(Path.GetTempPath(), "cachemeta-samples-" + Guid.NewGuid().ToString("N")) })).Specs;
        var mirror = new BinaryMirror(MirrorLayout.V2);
        foreach (var spec in specs)
        {
            mirror.Add(spec, key, SampleMirrors.Tarball(spec.Package, spec.Version!));
        }

        mirror.Publish(key);
        mirror.Write(Root);
        SampleMirrors.Finish(Root, key);
    }
}
