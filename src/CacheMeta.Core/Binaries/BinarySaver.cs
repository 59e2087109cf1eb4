using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using CacheMeta.Http;
using CacheMeta.IO;

namespace CacheMeta.Binaries;

/// <summary>One file of a binary to be saved, relative to the destination as to the mirror root.</summary>
internal sealed class PlannedFile
{
    public PlannedFile(string relativePath, string? checksum, long? length, bool present)
    {
        RelativePath = relativePath;
        Checksum = checksum;
        Length = length;
        Present = present;
    }

    public string RelativePath { get; }

    /// <summary>The SHA-256 it must have; null for the spec manifest or spec file, which its signature vouches for.</summary>
    public string? Checksum { get; }

    public long? Length { get; }

    /// <summary>True when the destination has it already with the right checksum: it is not fetched again.</summary>
    public bool Present { get; }
}

/// <summary>What saving one binary takes: its files, and the bytes still to fetch.</summary>
internal sealed class SavePlan
{
    public SavePlan(CacheBinary binary, IReadOnlyList<PlannedFile> files)
    {
        Binary = binary;
        Files = files;
        foreach (var file in files)
        {
            if (!file.Present)
            {
                Bytes += file.Length ?? 0;
            }
        }
    }

    public CacheBinary Binary { get; }

    public IReadOnlyList<PlannedFile> Files { get; }

    /// <summary>Bytes of the files still to fetch (as their entries state them).</summary>
    public long Bytes { get; }
}

/// <summary>What saving one binary wrote, and whose signature vouched for it.</summary>
internal sealed class SavedBinary
{
    public SavedBinary(IReadOnlyList<string> files, string? signedBy)
    {
        Files = files;
        SignedBy = signedBy;
    }

    /// <summary>The full paths of the binary's files, in the plan's order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The fingerprint of the (primary) key whose Valid signature was checked; null when no check was made.</summary>
    public string? SignedBy { get; }
}

/// <summary>
/// Saves binaries into a folder laid out as their mirror (v3: the spec manifest, its spec blob and tarball blob; v2: the
/// spec file and the tarball). Every blob is verified against its checksum and length while it is written, through
/// <see cref="AtomicFile"/>, so a failed check or a stop leaves no file; the spec manifest or spec file is written
/// byte for byte (its signature stays valid) and last, once the blobs it names are there, after its signature has
/// been checked (unless the check is skipped). Each binary is independent, so several are saved in parallel.
/// </summary>
internal sealed class BinarySaver
{
    private readonly BinaryResolver _resolver;
    private readonly SignatureAuditor? _auditor;
    private readonly string _destination;
    private readonly bool _refetch;

    /// <summary><paramref name="auditor"/> null skips the signature check; <paramref name="refetch"/> fetches files that are there already.</summary>
    public BinarySaver(BinaryResolver resolver, SignatureAuditor? auditor, string destination, bool refetch = false)
    {
        _resolver = resolver;
        _auditor = auditor;
        _destination = Path.GetFullPath(destination);
        _refetch = refetch;
    }

    /// <summary>The files of <paramref name="binary"/> and which of them the destination holds already.</summary>
    public SavePlan Plan(CacheBinary binary)
    {
        var files = new List<PlannedFile>();
        if (binary.SpecBlob is { } spec)
        {
            files.Add(Planned(spec.Path, spec.Checksum, spec.ContentLength));
        }

        files.Add(Planned(binary.TarballPath, binary.Checksum, binary.Size));
        string specPath = binary.Entry.SpecPath;
        files.Add(new PlannedFile(specPath, null, null, present: false)); // small; always refreshed, after its check
        return new SavePlan(binary, files);
    }

    /// <summary>Saves what the plan still needs: the binary's files, and the key its signature was checked against.</summary>
    public SavedBinary Save(SavePlan plan, Action<long> saved, CancellationToken cancellationToken)
    {
        var binary = plan.Binary;
        var (document, path) = _resolver.SpecDocument(binary.Entry, cancellationToken);
        string? signedBy = null;
        if (_auditor is not null)
        {
            var verdict = _auditor.Verify(binary.Entry.Mirror, document.Content, cancellationToken);
            if (verdict.Status != SignatureStatus.Valid)
            {
                throw new CacheMetaException(ErrorIds.SignatureRejected, CacheErrorKind.SecurityError,
                    $"The signature of {binary} is {verdict.Status} ({verdict.Reason}); nothing of it was saved.",
                    document.Url) { Remedy = CacheRemedy.SkipSignatureCheck };
            }

            signedBy = verdict.Fingerprint; // the exporter copies the keys that vouched for what it wrote
        }

        var written = new List<string>();
        foreach (var file in plan.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string target = Target(file.RelativePath == binary.Entry.SpecPath ? path : file.RelativePath);
            if (file.Checksum is null)
            {
                AtomicFile.WriteAllBytes(target, document.Content, overwrite: true);
                saved(document.Content.Length);
            }
            else if (!file.Present)
            {
                Fetch(binary.Entry.Mirror, file, target, cancellationToken);
                saved(file.Length ?? new FileInfo(target).Length);
            }

            written.Add(target);
        }

        return new SavedBinary(written, signedBy);
    }

    private PlannedFile Planned(string relative, string checksum, long? length)
    {
        string target = Target(relative);
        bool present = !_refetch && File.Exists(target) && (length is null || new FileInfo(target).Length == length) && Sha256Of(target) == checksum;
        return new PlannedFile(relative, checksum, length, present);
    }

    // Downloads or copies one blob into place, verified as it is written: a mismatch throws and keeps nothing.
    private void Fetch(MirrorRoot mirror, PlannedFile file, string target, CancellationToken cancellationToken)
    {
        string source = mirror.Under(file.RelativePath);
        AtomicFile.Write(target, stream =>
        {
            long length;
            string sum;
            if (mirror.IsRemote)
            {
                FetchResult result;
                try
                {
                    result = _resolver.Files.Fetcher.Http.Download(new Uri(source), null, stream, _resolver.Files.Fetcher.Options.MaxDownloadBytes, cancellationToken);
                }
                catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.DownloadFailed && ex.Kind == CacheErrorKind.ObjectNotFound)
                {
                    throw new CacheMetaException(ErrorIds.BinaryNotFound, CacheErrorKind.ObjectNotFound, "The blob is not in its mirror.", source);
                }

                (length, sum) = (result.Length, result.Sha256);
            }
            else
            {
                (length, sum) = Copy(source, stream, cancellationToken);
            }

            if (sum != file.Checksum || (file.Length is long expected && expected != length))
            {
                throw MirrorFiles.Mismatch(source, length, sum, file.Length ?? length, file.Checksum!);
            }
        }, overwrite: true);
    }

    private static (long Length, string Sha256) Copy(string source, Stream sink, CancellationToken cancellationToken)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        for (int read; (read = input.Read(buffer, 0, buffer.Length)) > 0;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
            sink.Write(buffer, 0, read);
            total += read;
        }

        return (total, HttpFetcher.Hex(hash.GetHashAndReset()));
    }

    private string Target(string relative)
    {
        string full = Path.GetFullPath(Path.Combine(_destination, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_destination.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new CacheMetaException(ErrorIds.PageOutsideDestination, CacheErrorKind.InvalidArgument,
                "The entry's name would place a file outside the destination folder.", relative);
        }

        return full;
    }

    private static string Sha256Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var sha = SHA256.Create();
        return HttpFetcher.Hex(sha.ComputeHash(stream));
    }
}
