using System.IO;
using System.Text;

namespace CacheMeta.Tests.Support;

/// <summary>Puts fixture indexes in the v2 and v3 mirror layouts, on the fixture server or in a folder.</summary>
internal static class MirrorFixtures
{
    /// <summary>A v2 mirror: build_cache/index.json and its .hash.</summary>
    public static void ServeV2(FixtureServer server, string root, byte[] index, bool withHash = true, string? etag = null)
    {
        server.Serve(root + "/build_cache/index.json", index, etag);
        if (withHash)
        {
            server.Serve(root + "/build_cache/index.json.hash", Encoding.ASCII.GetBytes(IndexFixtures.Sha256(index) + "\n"));
        }
    }

    /// <summary>A v3 mirror: the index manifest and the blob it names (gzip-compressed when asked).</summary>
    public static string ServeV3(FixtureServer server, string root, byte[] index, bool gzip = false, string? manifestEtag = null,
        string? claimedSum = null, int databaseVersion = 8)
    {
        byte[] blob = gzip ? IndexFixtures.Gzip(index) : index;
        string sum = IndexFixtures.Sha256(blob);
        server.Serve(root + "/v3/manifests/index/index.manifest.json", Manifest(claimedSum ?? sum, blob.Length, gzip, databaseVersion), manifestEtag);
        server.Serve(root + "/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum, blob);
        return sum;
    }

    /// <summary>The same v3 layout in a folder.</summary>
    public static string WriteV3(TempTree tree, string root, byte[] index, bool gzip = false, string? claimedSum = null)
    {
        byte[] blob = gzip ? IndexFixtures.Gzip(index) : index;
        string sum = IndexFixtures.Sha256(blob);
        tree.WriteBytes(root + "/v3/manifests/index/index.manifest.json", Manifest(claimedSum ?? sum, blob.Length, gzip, 8));
        tree.WriteBytes(root + "/blobs/sha256/" + sum.Substring(0, 2) + "/" + sum, blob);
        return Path.Combine(tree.Root, root);
    }

    public static byte[] Manifest(string sum, long length, bool gzip, int databaseVersion) => Encoding.UTF8.GetBytes(
        "{\"version\": 3,\n\"data\": [\n{\"contentLength\": " + length + ", \"mediaType\": \"application/vnd.spack.db.v" + databaseVersion
        + "+json\", \"compression\": \"" + (gzip ? "gzip" : "none") + "\", \"checksumAlgorithm\": \"sha256\", \"checksum\": \"" + sum + "\"}]}");
}
