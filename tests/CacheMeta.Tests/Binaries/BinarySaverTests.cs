using System.IO;
using System.Linq;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Mirrors;
using CacheMeta.Binaries.Signing;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

public class BinarySaverTests : ServerTest
{
    private string Destination => Path.Combine(Tree.Root, "saved");

    private (BinaryResolver Resolver, BinarySaver Saver) Saver(bool checkSignatures = true)
    {
        var resolver = new BinaryResolver(new MirrorFiles(Fetcher()));
        var auditor = checkSignatures ? new SignatureAuditor(resolver, new KeySet(), false, Observer) : null;
        return (resolver, new BinarySaver(resolver, auditor, Destination));
    }

    private string[] SavedFiles() => Directory.Exists(Destination)
        ? Directory.GetFiles(Destination, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Destination, f).Replace('\\', '/')).OrderBy(f => f).ToArray()
        : System.Array.Empty<string>();

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Saves_the_entry_laid_out_as_in_the_mirror_byte_for_byte(int layout)
    {
        var mirror = new BinaryMirror(layout);
        var spec = BinaryMirror.Spec(Server.Url("m/"), layout, "zlib", "1.3.1", IndexFixtures.Hash("zlib"));
        mirror.Add(spec, TestKey.Mirror);
        string[] expected = mirror.Files.Keys.ToArray(); // the entry's files: v3 manifest and two blobs, v2 spec file and tarball
        mirror.Publish(TestKey.Mirror);
        mirror.Serve(Server, "m");
        var (resolver, saver) = Saver();
        var binary = resolver.Resolve(BinaryLocator.Locate(spec).Value!, CancellationToken.None);
        long saved = 0;

        var result = saver.Save(saver.Plan(binary), n => saved += n, CancellationToken.None);

        Assert.Equal(layout == 3 ? 3 : 2, expected.Length);
        Assert.Equal(expected, SavedFiles());
        foreach (string file in SavedFiles())
        {
            Assert.Equal(mirror.Files[file], File.ReadAllBytes(Path.Combine(Destination, file)));
        }

        Assert.Equal(result.Files.Count, SavedFiles().Length);
        Assert.Equal(TestKey.Mirror.Fingerprint, result.SignedBy); // the key whose signature was checked
        Assert.Equal(SavedFiles().Sum(f => new FileInfo(Path.Combine(Destination, f)).Length), saved);
    }

    [Fact]
    public void A_file_already_there_with_the_right_checksum_is_not_fetched_again()
    {
        var mirror = new BinaryMirror(3);
        mirror.Publish(TestKey.Mirror);
        var spec = BinaryMirror.Spec(Server.Url("m/"), 3, "zlib", "1.3.1", IndexFixtures.Hash("zlib"));
        byte[] tarball = mirror.Add(spec, TestKey.Mirror);
        mirror.Serve(Server, "m");
        var (resolver, saver) = Saver();
        var binary = resolver.Resolve(BinaryLocator.Locate(spec).Value!, CancellationToken.None);
        saver.Save(saver.Plan(binary), _ => { }, CancellationToken.None);
        Server.ClearLog();

        var plan = saver.Plan(binary);
        saver.Save(plan, _ => { }, CancellationToken.None);

        Assert.Equal(0, plan.Bytes);
        Assert.Equal(0, Server.Count(IndexFixtures.Sha256(tarball)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_tarball_of_the_wrong_checksum_or_length_is_refused_and_nothing_is_kept(bool wrongLength)
    {
        var mirror = new BinaryMirror(3);
        mirror.Publish(TestKey.Mirror);
        var spec = BinaryMirror.Spec(Server.Url("m/"), 3, "zlib", "1.3.1", IndexFixtures.Hash("zlib"));
        byte[] tarball = mirror.Add(spec, TestKey.Mirror);
        mirror.Serve(Server, "m");
        string path = MirrorLayout.BlobPath("sha256", IndexFixtures.Sha256(tarball));
        byte[] served = wrongLength ? tarball.Concat(new byte[] { 1 }).ToArray() : tarball.Select((b, i) => i == 10 ? (byte)(b ^ 1) : b).ToArray();
        Server.Serve("m/" + path, served);
        var (resolver, saver) = Saver();
        var binary = resolver.Resolve(BinaryLocator.Locate(spec).Value!, CancellationToken.None);

        var error = Assert.Throws<CacheMetaException>(() => saver.Save(saver.Plan(binary), _ => { }, CancellationToken.None));

        Assert.Equal(ErrorIds.BinaryChecksumMismatch, error.ErrorId);
        Assert.Equal(Server.Url("m/" + path), error.Target);
        Assert.DoesNotContain(SavedFiles(), f => f.Contains(IndexFixtures.Sha256(tarball)) || f.EndsWith(".tmp"));
        Assert.DoesNotContain(SavedFiles(), f => f.EndsWith(".spec.manifest.json"));
    }

    [Fact]
    public void An_entry_whose_signature_is_not_valid_is_refused_unless_the_check_is_skipped()
    {
        var mirror = new BinaryMirror(2);
        mirror.Publish(TestKey.Mirror);
        var spec = BinaryMirror.Spec(Server.Url("m/"), 2, "zlib", "1.3.1", IndexFixtures.Hash("zlib"));
        mirror.Add(spec, TestKey.Other);
        mirror.Serve(Server, "m");
        var (resolver, saver) = Saver();
        var binary = resolver.Resolve(BinaryLocator.Locate(spec).Value!, CancellationToken.None);

        var error = Assert.Throws<CacheMetaException>(() => saver.Save(saver.Plan(binary), _ => { }, CancellationToken.None));
        Assert.Equal(ErrorIds.SignatureRejected, error.ErrorId);
        Assert.Empty(SavedFiles());

        var (_, unchecked_) = Saver(checkSignatures: false);
        var saved = unchecked_.Save(unchecked_.Plan(binary), _ => { }, CancellationToken.None);
        Assert.Equal(2, saved.Files.Count);
        Assert.Null(saved.SignedBy);
        Assert.Equal(2, SavedFiles().Length);
    }
}
