using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Binaries;
using CacheMeta.Mirrors;
using CacheMeta.Binaries.Signing;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Binaries;

public class SignatureAuditTests : ServerTest
{
    private SignatureAuditor Auditor(KeySet? trusted = null, bool trustedOnly = false) =>
        new(new BinaryResolver(new MirrorFiles(Fetcher())), trusted ?? new KeySet(), trustedOnly, Observer);

    private static BinaryEntry Entry(CacheSpec spec) => BinaryLocator.Locate(spec).Value!;

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Each_status_of_a_mirror_with_published_keys(int layout)
    {
        var mirror = new BinaryMirror(layout);
        mirror.Publish(TestKey.Mirror);
        string root = Server.Url("m/");
        var valid = BinaryMirror.Spec(root, layout, "valid", "1.0", IndexFixtures.Hash("valid"));
        var tampered = BinaryMirror.Spec(root, layout, "tampered", "1.0", IndexFixtures.Hash("tampered"));
        var other = BinaryMirror.Spec(root, layout, "other", "1.0", IndexFixtures.Hash("other"));
        var plain = BinaryMirror.Spec(root, layout, "plain", "1.0", IndexFixtures.Hash("plain"));
        var missing = BinaryMirror.Spec(root, layout, "missing", "1.0", IndexFixtures.Hash("missing"));
        mirror.Add(valid, TestKey.Mirror);
        mirror.Add(tampered, TestKey.Mirror);
        mirror.Add(other, TestKey.Other);
        mirror.Add(plain, signer: null);
        string tamperedPath = layout == 3 ? MirrorLayout.SpecManifestPath("tampered", "1.0", tampered.Hash!) : MirrorLayout.V2SpecFilePath(V2EntryName.Of(tampered), true);
        mirror.Files[tamperedPath] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(mirror.Files[tamperedPath]).Replace("\"version\":", "\"version\": "));
        mirror.Serve(Server, "m");
        var auditor = Auditor();

        var results = new[] { valid, tampered, other, plain, missing }.Select(s => auditor.Check(Entry(s), CancellationToken.None)).ToList();

        Assert.Equal(new[] { SignatureStatus.Valid, SignatureStatus.Invalid, SignatureStatus.UnknownKey, SignatureStatus.Unsigned, SignatureStatus.NotFound },
            results.Select(r => r.Status).ToArray());
        Assert.Equal(TestKey.Mirror.Fingerprint, results[0].KeyFingerprint);
        Assert.Equal(TestKey.Mirror.UserId, results[0].KeyUserId);
        Assert.Equal(Entry(valid).SpecUrl, results[0].Source);
        Assert.Equal(TestKey.Other.KeyId.ToString("X16"), results[2].KeyFingerprint);
        Assert.Equal(1, Server.Count(layout == 3 ? "keys.manifest.json" : "_pgp/index.json")); // keys read once per mirror
    }

    [Fact]
    public void Trusted_keys_only_ignores_the_mirror_keys()
    {
        var mirror = new BinaryMirror(3);
        mirror.Publish(TestKey.Mirror);
        var spec = BinaryMirror.Spec(Server.Url("m/"), 3, "valid", "1.0", IndexFixtures.Hash("valid"));
        var byOther = BinaryMirror.Spec(Server.Url("m/"), 3, "other", "1.0", IndexFixtures.Hash("other"));
        mirror.Add(spec, TestKey.Mirror);
        mirror.Add(byOther, TestKey.Other);
        mirror.Serve(Server, "m");
        var trusted = new KeySet();
        trusted.Add(TestKey.Other.ArmoredPublicKey(), "other.pub");

        var auditor = Auditor(trusted, trustedOnly: true);

        Assert.Equal(SignatureStatus.UnknownKey, auditor.Check(Entry(spec), CancellationToken.None).Status);
        Assert.Equal(SignatureStatus.Valid, auditor.Check(Entry(byOther), CancellationToken.None).Status);
        Assert.Equal(0, Server.Count("keys.manifest.json"));
    }
}
