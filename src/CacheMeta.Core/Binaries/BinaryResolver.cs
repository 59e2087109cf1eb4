using System;
using System.Threading;
using CacheMeta.Binaries.Signing;
using CacheMeta.Http;

namespace CacheMeta.Binaries;

/// <summary>
/// Reads the entry of one located binary: v3, the spec manifest and the tarball blob it names; v2, the spec file
/// (<c>.spec.json.sig</c>, else <c>.spec.json</c>) and the tarball it implies. The tarball must exist (a HEAD answer
/// or the file), so a pipeline of a whole index through Get-CacheBinary audits a cache without listing it. An absent
/// document or tarball is BinaryNotFound naming its address; each call is independent, so calls run in parallel.
/// </summary>
internal sealed class BinaryResolver
{
    private readonly MirrorFiles _files;

    public BinaryResolver(MirrorFiles files) => _files = files;

    public MirrorFiles Files => _files;

    /// <summary>The binary, or the error that stops it.</summary>
    public CacheBinary Resolve(BinaryEntry entry, CancellationToken cancellationToken)
    {
        var (document, specPath) = SpecDocument(entry, cancellationToken);
        entry = specPath == entry.SpecPath ? entry : entry.WithSpecPath(specPath);
        bool signed = ClearSignedText.IsClearSigned(document.Content);
        if (entry.Mirror.Layout == 3)
        {
            var blobs = EntryDocuments.Blobs(document.Content, document.Url);
            var tarball = EntryDocuments.Find(blobs, EntryDocuments.TarballType, document.Url);
            var spec = EntryDocuments.Find(blobs, EntryDocuments.SpecType, document.Url);
            var facts = _files.Facts(entry.Mirror, tarball.Path, tarball.Checksum, cancellationToken) ?? throw NotFound(entry, tarball.Path, "tarball blob");
            return new CacheBinary(entry, tarball.ContentLength, tarball.Checksum, tarball.MediaType, tarball.Path, spec, signed, facts.LastModified);
        }

        string checksum = EntryDocuments.TarballChecksum(document.Content, document.Url);
        var found = _files.Facts(entry.Mirror, entry.TarballPath!, checksum, cancellationToken) ?? throw NotFound(entry, entry.TarballPath!, "tarball");
        return new CacheBinary(entry, found.Length, checksum, null, entry.TarballPath!, null, signed, found.LastModified);
    }

    /// <summary>The spec manifest or spec file and the name it was found under; BinaryNotFound when there is none.</summary>
    public (CachedDocument Document, string Path) SpecDocument(BinaryEntry entry, CancellationToken cancellationToken)
    {
        if (_files.Document(entry.Mirror, entry.SpecPath, cancellationToken) is { } document)
        {
            return (document, entry.SpecPath);
        }

        if (entry.UnsignedSpecPath is { } plain && _files.Document(entry.Mirror, plain, cancellationToken) is { } unsigned)
        {
            return (unsigned, plain);
        }

        throw NotFound(entry, entry.SpecPath, entry.Mirror.Layout == 3 ? "spec manifest" : "spec file (.spec.json.sig or .spec.json)");
    }

    private static CacheMetaException NotFound(BinaryEntry entry, string relative, string what) =>
        new(ErrorIds.BinaryNotFound, CacheErrorKind.ObjectNotFound,
            $"The {what} of {entry.Package}@{entry.Version} /{entry.Hash.Substring(0, Math.Min(7, entry.Hash.Length))} is not in its mirror.",
            entry.Mirror.Under(relative));
}
