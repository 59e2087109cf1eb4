using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CacheMeta.Audit;
using CacheMeta.Binaries;
using CacheMeta.Binaries.Signing;
using CacheMeta.Graph;
using CacheMeta.Http;
using CacheMeta.Index;
using CacheMeta.Mirrors;
using CacheMeta.Tests.Support;
using Xunit;
using static CacheMeta.Tests.Support.ExportSource;

namespace CacheMeta.Tests.Mirrors;

/// <summary>
/// The exporter end to end, on signed source mirrors of both layouts, on disk and served from 127.0.0.1: what it
/// writes reads back as the chosen specs and their closure, audits clean, verifies, and survives faults.
/// </summary>
public sealed class MirrorExporterTests : ServerTest
{
    public static IEnumerable<object[]> Sources() => new[]
    {
        new object[] { 3, false }, new object[] { 3, true }, new object[] { 2, false }, new object[] { 2, true },
    };

    private string Destination => Path.Combine(Tree.Root, "export");

    // The source's address: a folder of the test's tree, or the same files on the fixture server.
    private string Publish(ExportSource source, bool served)
    {
        if (served)
        {
            source.Mirror.Serve(Server, "src");
            return Server.Url("src/");
        }

        string root = Path.Combine(Tree.Root, "source");
        source.Mirror.Write(root);
        return root;
    }

    private List<CacheSpec> Pick(string address, params string[] names) =>
        Mirror(address).Specs.Where(s => names.Contains(s.Package)).ToList();

    private ExportOutcome Export(IReadOnlyList<CacheSpec> specs, ExportOptions? options = null, CancellationToken cancellationToken = default,
        Action<long>? progress = null)
    {
        var exporter = new MirrorExporter(Options(), Destination, options ?? new ExportOptions());
        using var job = exporter.Prepare(specs, Observer, cancellationToken);
        return exporter.Run(job, Observer, progress, cancellationToken);
    }

    private Dictionary<string, bool> IndexRecords()
    {
        using var index = LocalMirrors.Open(IndexLocation.Parse(Destination));
        using var document = JsonDocument.Parse(File.ReadAllBytes(index.Path));
        return document.RootElement.GetProperty("database").GetProperty("installs").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("in_buildcache").GetBoolean());
    }

    private string[] Written() => Directory.GetFiles(Destination, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Destination, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_export_reads_back_as_the_choice_and_its_closure_audits_clean_and_verifies(int layout, bool served)
    {
        var source = new ExportSource(layout);
        string address = Publish(source, served);

        var outcome = Export(Pick(address, "hdf5"));

        var exported = Mirror(Destination).Specs;
        Assert.Equal(new[] { Runtime, Hdf5, Zlib }.OrderBy(h => h, StringComparer.Ordinal), exported.Select(s => s.Hash!).OrderBy(h => h, StringComparer.Ordinal));
        Assert.Equal((3, 3, 0), (outcome.Job.Specs, outcome.Binaries, outcome.Failures.Count));
        Assert.Equal(layout, MirrorLayout.Detect(Destination));
        var records = IndexRecords(); // the build-only records come along without their binaries, as Spack's index has them
        Assert.Equal(new[] { Cmake, Gcc, Hdf5, Runtime, Zlib }.OrderBy(h => h, StringComparer.Ordinal), records.Keys.OrderBy(h => h, StringComparer.Ordinal));
        Assert.False(records[Cmake] || records[Gcc]);

        using (var index = LocalMirrors.Open(IndexLocation.Parse(Destination)))
        {
            var graph = IndexGraphReader.Read(index, IndexAuditor.ReadOptions(new RecordingObserver(), null), CancellationToken.None);
            Assert.Empty(IndexAuditor.Audit(graph, null, rootHashes: null));
        }

        var resolver = new BinaryResolver(new MirrorFiles(Fetcher()));
        var auditor = new SignatureAuditor(resolver, new KeySet(), false, Observer);
        foreach (var spec in exported)
        {
            var entry = BinaryLocator.Locate(spec).Value!;
            Assert.Equal(SignatureStatus.Valid, auditor.Check(entry, CancellationToken.None).Status);
            var binary = resolver.Resolve(entry, CancellationToken.None);
            Assert.Equal(source.Tarballs[spec.Hash!], File.ReadAllBytes(binary.TarballUrl));
            Assert.Equal(source.Mirror.Files[entry.SpecPath], File.ReadAllBytes(entry.SpecUrl)); // byte for byte
        }

        Assert.Equal(new[] { TestKey.Mirror.Fingerprint }, outcome.Keys);
        Assert.Equal(new[] { TestKey.Mirror.Fingerprint }, MirrorKeyCopier.Held(Destination, layout));
        foreach (string blob in Written().Where(f => f.StartsWith("blobs/", StringComparison.Ordinal)))
        {
            Assert.Equal(Path.GetFileName(blob), IndexFixtures.Sha256(File.ReadAllBytes(Path.Combine(Destination, blob))));
        }

        Assert.DoesNotContain(Written(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Excluding_dependencies_exports_exactly_what_was_chosen()
    {
        string address = Publish(new ExportSource(3), served: false);

        var outcome = Export(Pick(address, "hdf5", "cmake"), new ExportOptions { IncludeDependencies = false });

        Assert.Equal(new[] { "cmake", "hdf5" }, Mirror(Destination).Specs.Select(s => s.Package).OrderBy(p => p));
        Assert.Equal(2, outcome.Binaries);
        Assert.False(IndexRecords()[Zlib]); // recorded, as the index must, but without a binary here
    }

    [Fact]
    public void A_dependency_the_source_cannot_supply_is_named_and_recorded_as_Spack_records_it()
    {
        string address = Publish(new ExportSource(2), served: false);
        var exporter = new MirrorExporter(Options(), Destination, new ExportOptions());
        using var job = exporter.Prepare(Pick(address, "curl"), Observer, CancellationToken.None);

        var unexportable = Assert.Single(job.Plan.Unexportable);
        Assert.Equal(("openssl", Openssl, DependencyStatus.External, "curl"), (unexportable.Name, unexportable.Hash, unexportable.Status, unexportable.NeededBy.Single().Name));
        exporter.Run(job, Observer, null, CancellationToken.None);
        Assert.False(IndexRecords()[Openssl]);
        Assert.Equal(new[] { "curl", "gcc-runtime" }, Mirror(Destination).Specs.Select(s => s.Package).OrderBy(p => p));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void A_corrupt_blob_at_the_source_is_refused_leaves_no_file_and_is_not_claimed(int layout)
    {
        var source = new ExportSource(layout);
        string tarball = source.TarballPath(Zlib);
        source.Mirror.Files[tarball] = source.Tarballs[Zlib].Select((b, i) => i == 20 ? (byte)(b ^ 0xFF) : b).ToArray();
        string address = Publish(source, served: true);

        var outcome = Export(Pick(address, "hdf5"));

        var failure = Assert.Single(outcome.Failures);
        Assert.Equal(("zlib-ng", ErrorIds.BinaryChecksumMismatch), (failure.Spec.Name, failure.Error.ErrorId));
        Assert.False(File.Exists(Path.Combine(Destination, tarball)));
        Assert.Equal(2, outcome.Binaries);
        Assert.False(IndexRecords()[Zlib]);
        Assert.Equal(new[] { "gcc-runtime", "hdf5" }, Mirror(Destination).Specs.Select(s => s.Package).OrderBy(p => p));
        Assert.DoesNotContain(Written(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void An_entry_signed_by_a_key_the_mirror_does_not_publish_is_refused_unless_the_check_is_skipped()
    {
        string address = Publish(new ExportSource(3, TestKey.Other), served: false);

        var refused = Export(Pick(address, "zlib-ng"));
        Assert.Equal(new[] { ErrorIds.SignatureRejected, ErrorIds.SignatureRejected }, refused.Failures.Select(f => f.Error.ErrorId));
        Assert.Empty(Mirror(Destination).Specs);

        var kept = Export(Pick(address, "zlib-ng"), new ExportOptions { CheckSignatures = false });
        Assert.Equal(2, kept.Binaries);
        Assert.Equal(new[] { TestKey.Mirror.Fingerprint }, kept.Keys); // without a check, the mirror's keys come along
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void An_interrupted_export_leaves_no_partial_file_and_a_rerun_completes_without_fetching_again(int layout)
    {
        var source = new ExportSource(layout);
        string address = Publish(source, served: true);
        var specs = Pick(address, "hdf5");
        using var stop = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => Export(specs, new ExportOptions { ThrottleLimit = 1 }, stop.Token, _ => stop.Cancel()));

        Assert.Null(MirrorLayout.Detect(Destination)); // no index, no layout.json: nothing published
        Assert.DoesNotContain(Written(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        var tarballs = new[] { Hdf5, Runtime, Zlib }.Select(source.TarballPath).ToList();
        var kept = tarballs.Where(p => File.Exists(Path.Combine(Destination, p))).ToList();
        // The first binary, verified, before the stop; the others may have finished meanwhile on a loaded machine (the
        // stop comes when the first is reported), but the index, which is written last, never is.
        Assert.InRange(kept.Count, 1, 3);
        Server.ClearLog();

        var outcome = Export(specs);

        Assert.Equal(3, outcome.Binaries);
        int Gets(string path) => Server.Requests.Count(r => r.Path == "/src/" + path); // GETs only: a HEAD is logged "HEAD /src/..."
        Assert.All(kept, p => Assert.Equal(0, Gets(p))); // verified already: not fetched again
        Assert.Equal(3 - kept.Count, tarballs.Sum(Gets));
        Assert.Equal(3, Mirror(Destination).Specs.Count);
    }

    [Fact]
    public void A_second_export_adds_to_the_mirror_and_its_index_covers_both()
    {
        string address = Publish(new ExportSource(3), served: false);
        Export(Pick(address, "zlib-ng"));

        var second = Export(Pick(address, "curl"));

        Assert.Equal(1, second.Job.AlreadyThere); // gcc-runtime came with zlib-ng
        Assert.Equal(new[] { "curl", "gcc-runtime", "zlib-ng" }, Mirror(Destination).Specs.Select(s => s.Package).OrderBy(p => p));
        var records = IndexRecords();
        Assert.True(records[Zlib] && records[Curl] && records[Runtime]);
        Assert.False(records[Openssl] || records[Gcc]);
    }

    [Theory]
    [InlineData(3, "blobs")]
    [InlineData(2, "build_cache")]
    public void A_destination_that_cannot_take_files_is_FileWriteFailed_naming_the_file(int layout, string folder)
    {
        string address = Publish(new ExportSource(layout), served: false);
        Directory.CreateDirectory(Destination);
        File.WriteAllText(Path.Combine(Destination, folder), "a file where a folder must go"); // fails for root too, unlike chmod

        var error = Assert.Throws<CacheMetaException>(() => Export(Pick(address, "zlib-ng")));

        Assert.Equal(ErrorIds.FileWriteFailed, error.ErrorId);
        Assert.StartsWith(Path.Combine(Destination, folder), error.Target);
        Assert.Equal(new[] { folder }, Written());
    }

    [Fact]
    public void A_destination_of_the_other_layout_is_MirrorMismatch_before_anything_is_written()
    {
        string address = Publish(new ExportSource(3), served: false);
        Tree.WriteBytes("export/build_cache/index.json", new ExportSource(2).Index);

        var error = Assert.Throws<CacheMetaException>(() => Export(Pick(address, "zlib-ng")));

        Assert.Equal(ErrorIds.MirrorMismatch, error.ErrorId);
        Assert.Equal(new[] { "build_cache/index.json" }, Written());
    }

    [Fact]
    public void A_destination_index_of_another_database_version_is_MirrorMismatch_before_anything_is_copied()
    {
        string address = Publish(new ExportSource(2), served: false);
        Tree.WriteBytes("export/build_cache/index.json", IndexFixtures.V7Index());

        var error = Assert.Throws<CacheMetaException>(() => Export(Pick(address, "zlib-ng")));

        Assert.Equal(ErrorIds.MirrorMismatch, error.ErrorId);
        Assert.Contains("database version 7", error.Message);
        Assert.Equal(new[] { "build_cache/index.json" }, Written());
    }
}
