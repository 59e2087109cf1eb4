using System;

namespace CacheMeta.Query;

/// <summary>
/// The fields of a spec record, as bits: what a reader has seen of a record (a repeated key is an error).
/// One numbering for the page reader, the query and the -Spec constraints.
/// </summary>
[Flags]
internal enum RecordField
{
    None = 0,
    Hash = 1 << 0,
    Compiler = 1 << 1,
    OS = 1 << 2,
    Platform = 1 << 3,
    Target = 1 << 4,
    Versions = 1 << 5,
    Variants = 1 << 6,
    Stacks = 1 << 7,
    Size = 1 << 8,
    Tarball = 1 << 9,
}

/// <summary>
/// One test a query makes of a record's value. The memo of a query (<see cref="QueryMemo"/>) keeps answers in blocks
/// of these: the filter parameters' block, the host's (-CompatibleWith: platform, OS and target), then one block per
/// -Spec constraint, each using the criteria it has.
/// </summary>
internal enum Criterion
{
    Compiler,
    OS,
    Platform,
    Target,
    TargetFamily,
    Versions,
    Variants,
    Stacks,
}

/// <summary>The blocks of a query's memo (see <see cref="Criterion"/>).</summary>
internal static class CriterionBlock
{
    /// <summary>How many criteria a block holds.</summary>
    public const int Size = (int)Criterion.Stacks + 1;

    /// <summary>The filter parameters (-Compiler, -OS, ..., -Stack).</summary>
    public const int Parameters = 0;

    /// <summary>The host of -CompatibleWith.</summary>
    public const int Host = 1;

    /// <summary>The block of the <paramref name="index"/>-th -Spec constraint.</summary>
    public static int Spec(int index) => 2 + index;
}
