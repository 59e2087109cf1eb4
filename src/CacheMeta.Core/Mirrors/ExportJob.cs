using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Binaries;
using CacheMeta.Index;

namespace CacheMeta.Mirrors;

/// <summary>How an export runs (the cmdlet's switches).</summary>
internal sealed class ExportOptions
{
    /// <summary>Brings the link/run closure of every selected spec (false: exactly the selection, -ExcludeDependencies).</summary>
    public bool IncludeDependencies { get; set; } = true;

    /// <summary>Keeps only entries whose signature is Valid against the source mirror's keys (false: -SkipSignatureCheck).</summary>
    public bool CheckSignatures { get; set; } = true;

    /// <summary>Fetches files that the destination holds verified already (-Force).</summary>
    public bool Refetch { get; set; }

    /// <summary>How many entries are read or copied at once.</summary>
    public int ThrottleLimit { get; set; } = 8;
}

/// <summary>A binary of the plan that cannot be exported, and why (its record goes into the index without a binary).</summary>
internal sealed class ExportFailure
{
    public ExportFailure(PlannedSpec spec, CacheMetaException error)
    {
        Spec = spec;
        Error = error;
    }

    public PlannedSpec Spec { get; }

    /// <summary>BinaryNotFound, BinaryChecksumMismatch, SignatureRejected, BinaryLocationUnknown, ...</summary>
    public CacheMetaException Error { get; }
}

/// <summary>
/// One source index's export, prepared by <see cref="MirrorExporter.Prepare"/> and not yet run: the plan, each binary's
/// files (what is there already), and the binaries that could not be read at the source. Holds the opened indexes
/// until it is disposed.
/// </summary>
internal sealed class ExportJob : IDisposable
{
    internal ExportJob(string source, MirrorRoot mirror, ExportPlan plan, IReadOnlyList<(PlannedSpec Spec, SavePlan Files)> saves,
        IReadOnlyList<ExportFailure> unreadable, LocalIndex sourceIndex, LocalIndex? destinationIndex)
    {
        Source = source;
        Mirror = mirror;
        Plan = plan;
        Saves = saves;
        Unreadable = unreadable;
        SourceIndex = sourceIndex;
        DestinationIndex = destinationIndex;
    }

    /// <summary>The source index's address (what the specs name as their Source).</summary>
    public string Source { get; }

    /// <summary>The source mirror (its root and layout: the destination's layout).</summary>
    public MirrorRoot Mirror { get; }

    public int Layout => Mirror.Layout;

    public ExportPlan Plan { get; }

    /// <summary>The binaries to copy, in plan order, each with its files.</summary>
    public IReadOnlyList<(PlannedSpec Spec, SavePlan Files)> Saves { get; }

    /// <summary>Planned binaries whose entries could not be read at the source (not found, no name): not copied.</summary>
    public IReadOnlyList<ExportFailure> Unreadable { get; }

    /// <summary>The specs the export takes: the selection and (unless excluded) its dependencies.</summary>
    public int Specs => Plan.Specs.Count;

    /// <summary>How many of <see cref="Specs"/> were asked for.</summary>
    public int Selected => Plan.Specs.Count(s => s.Selected);

    /// <summary>Bytes still to fetch, as the entries state them.</summary>
    public long Bytes => Saves.Sum(s => s.Files.Bytes);

    /// <summary>Blobs the destination holds verified already (not fetched again).</summary>
    public int FilesPresent => Saves.Sum(s => s.Files.Files.Count(f => f.Present));

    /// <summary>Binaries the destination's index has in its cache already.</summary>
    public int AlreadyThere => Plan.Specs.Count(s => s.AlreadyThere);

    internal LocalIndex SourceIndex { get; }

    internal LocalIndex? DestinationIndex { get; }

    /// <summary>
    /// The plan as one line: "3 specs (1 selected, 2 dependencies), 3 binaries, 1.2 KB to fetch, 0 already there".
    /// </summary>
    public string Describe()
    {
        int dependencies = Specs - Selected;
        string bytes = Text.ByteText.Of(Bytes);
        return $"{Text.Plural.Count(Specs, "spec")} ({Selected:N0} selected, {Text.Plural.Count(dependencies, "dependency", "dependencies")}), "
            + $"{Text.Plural.Count(Saves.Count, "binary", "binaries")}, {bytes} to fetch; {AlreadyThere:N0} already in the destination's index, "
            + $"{Text.Plural.Count(FilesPresent, "file")} there verified";
    }

    public void Dispose()
    {
        SourceIndex.Dispose();
        DestinationIndex?.Dispose();
    }
}

/// <summary>What one source index's export did.</summary>
internal sealed class ExportOutcome
{
    internal ExportOutcome(ExportJob job, int binaries, long bytes, IReadOnlyList<ExportFailure> failures, IReadOnlyList<string> keys, PublishedIndex index)
    {
        Job = job;
        Binaries = binaries;
        Bytes = bytes;
        Failures = failures;
        Keys = keys;
        Index = index;
    }

    public ExportJob Job { get; }

    /// <summary>Binaries now in the destination for the plan's specs (copied, or there verified).</summary>
    public int Binaries { get; }

    /// <summary>Bytes written (blobs fetched and spec documents).</summary>
    public long Bytes { get; }

    /// <summary>Every planned binary that was not exported (unreadable at the source, or refused while copied).</summary>
    public IReadOnlyList<ExportFailure> Failures { get; }

    /// <summary>The fingerprints of the keys copied for this export.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The destination's new index.</summary>
    public PublishedIndex Index { get; }
}
