using System;

namespace CacheMeta;

/// <summary>What one run of Export-CacheMirror wrote (-PassThru): one object for the whole pipeline.</summary>
public sealed class CacheMirrorExport
{
    /// <summary>Creates a summary.</summary>
    public CacheMirrorExport(int specs, int binaries, long bytes, string destination, string? index, int layout, int warnings)
    {
        Specs = specs;
        Binaries = binaries;
        Bytes = bytes;
        Destination = destination ?? throw new ArgumentNullException(nameof(destination));
        Index = index;
        Layout = layout;
        Warnings = warnings;
    }

    /// <summary>The specs the export took: those piped in and (unless -ExcludeDependencies) their link and run dependencies.</summary>
    public int Specs { get; }

    /// <summary>The binaries of those specs now in the destination: copied, or found there already with the right checksums.</summary>
    public int Binaries { get; }

    /// <summary>The bytes written: the blobs fetched and the spec manifests or spec files.</summary>
    public long Bytes { get; }

    /// <summary>The destination folder (the mirror root), a full path.</summary>
    public string Destination { get; }

    /// <summary>The index the export published last: the index blob (v3) or <c>build_cache/index.json</c> (v2), a full path; null when none was.</summary>
    public string? Index { get; }

    /// <summary>The mirror's layout: 3 (Spack 1.0+) or 2 (build_cache/).</summary>
    public int Layout { get; }

    /// <summary>
    /// How many warnings the export wrote: dependencies the source could not supply (externals, records without a
    /// binary, hashes no record has) and keys it could not copy. Binaries refused are errors, not counted here.
    /// </summary>
    public int Warnings { get; }

    /// <summary><c>4 specs, 4 binaries -> /path</c>.</summary>
    public override string ToString() => $"{Specs} specs, {Binaries} binaries -> {Destination}";
}
