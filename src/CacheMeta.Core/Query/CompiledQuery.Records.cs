using System;
using System.Collections.Generic;
using CacheMeta.Completion;

namespace CacheMeta.Query;

// Record-level matching: the checks readers make of each spec record, on shared values and through a memo, before
// the record becomes an object; and the same checks on built objects.
internal sealed partial class CompiledQuery
{
    /// <summary>True when a built spec passes every criterion: its name and tag as <see cref="MatchesPage"/> asks, and the rest as <see cref="MatchesSpec(CacheSpec)"/>.</summary>
    public bool Matches(CacheSpec spec) => Matches(spec, null);

    /// <summary>As <see cref="Matches(CacheSpec)"/>, with a memo (and its census tally) for a stream of built specs.</summary>
    internal bool Matches(CacheSpec spec, QueryMemo? memo)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        memo?.Tally?.Observe(CompletionField.Tag, spec.Tag);
        return MatchesPage(spec.Package, spec.Tag) && MatchesSpec(spec, memo);
    }

    /// <summary>
    /// Evaluates every spec-level criterion (all but name and tag) on a built object: the same record check the
    /// readers make on shared values, without a memo, so there is one evaluation whatever holds the values.
    /// </summary>
    /// <exception cref="CacheMetaException">InvalidSpecSyntax: the query has <c>^</c> terms, which need the graph
    /// (<see cref="MatchesSpec(CacheSpec, IDependencyGraph)"/>).</exception>
    public bool MatchesSpec(CacheSpec spec) => MatchesSpec(spec, (QueryMemo?)null);

    internal bool MatchesSpec(CacheSpec spec, QueryMemo? memo)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        RejectDependencyConstraints();

        // A spec without a hash (the oldest pages) matches no hash prefix, and an empty one matches none either.
        return MatchesHash(spec.Hash) && MatchesRecord(memo, spec.Package, spec.Hash ?? string.Empty, spec.Compiler, spec.OS,
            spec.Platform, spec.Target, spec.TargetFamily, spec.Versions, spec.Variants, spec.Stacks);
    }

    /// <summary>True when the hash starts with a wanted prefix (or no hash is asked for).</summary>
    public bool MatchesHash(string? hash)
    {
        // A loop, not Array.Exists with a lambda: the lambda's closure was made on every call, even with no prefixes.
        if (_hashPrefixes is null)
        {
            return true;
        }

        foreach (string prefix in _hashPrefixes)
        {
            if (HashPrefix.Matches(hash, prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the hash, given as ASCII bytes, starts with a wanted prefix.</summary>
    internal bool MatchesHash(ReadOnlySpan<byte> hash)
    {
        if (_hashPrefixes is null)
        {
            return true;
        }

        foreach (string prefix in _hashPrefixes)
        {
            if (HashPrefix.Matches(hash, prefix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As the byte overload, for readers that hold the hash as a string (build-cache indexes, built objects).</summary>
    internal bool MatchesRecord(QueryMemo? memo, string package, string hash, string? compiler, string? os,
        string? platform, string? target, string? family, IReadOnlyList<string> versions, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks)
    {
        // Hashes are 32 ASCII characters; a longer one only needs its first 64 for any prefix a spec can hold.
        Span<byte> bytes = stackalloc byte[Math.Min(hash.Length, 64)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = hash[i] < 128 ? (byte)hash[i] : (byte)'?';
        }

        return MatchesRecord(memo, package, bytes, compiler, os, platform, target, family, versions, variants, stacks);
    }

    /// <summary>
    /// Evaluates the spec-level criteria except the -Hash prefixes on shared values, remembering each answer in
    /// <paramref name="memo"/> keyed by the value's identity (readers hand out one instance per distinct value;
    /// without a memo every answer is computed). <paramref name="package"/> and <paramref name="hash"/> are for
    /// -Spec, whose specs name packages and hashes.
    /// </summary>
    internal bool MatchesRecord(QueryMemo? memo, string package, ReadOnlySpan<byte> hash, string? compiler, string? os,
        string? platform, string? target, string? family, IReadOnlyList<string> versions, IReadOnlyList<string> variants,
        IReadOnlyList<string> stacks)
    {
        if (memo?.Tally is { Open: true } tally)
        {
            tally.ObserveRecord(compiler, os, platform, target, family, stacks); // every value, before AND-ing stops at the first miss
        }

        bool parameters = MatchesParameters(memo, compiler, os, platform, target, family, versions, variants, stacks);
        if (!parameters || _specs is null)
        {
            return parameters;
        }

        if (HasDependencyConstraints)
        {
            throw new InvalidOperationException("A query with dependency constraints ('^') is answered on an index's graph, not record by record.");
        }

        for (int i = 0; i < _specs.Length; i++)
        {
            var spec = _specs[i];
            if (spec.MatchesName(package) && (spec.Hash is null || HashPrefix.Matches(hash, spec.Hash))
                && spec.MatchesValues(memo, CriterionBlock.Spec(i), compiler, os, platform, target, versions, variants))
            {
                return true;
            }
        }

        return false;
    }

    // The filter parameters' tests (all but -Hash and -Spec), each answer remembered per distinct value.
    private bool MatchesParameters(QueryMemo? memo, string? compiler, string? os, string? platform, string? target, string? family,
        IReadOnlyList<string> versions, IReadOnlyList<string> variants, IReadOnlyList<string> stacks) =>
        Check(memo, CriterionBlock.Parameters, Criterion.Compiler, compiler)
            && Check(memo, CriterionBlock.Parameters, Criterion.OS, os)
            && Check(memo, CriterionBlock.Parameters, Criterion.Platform, platform)
            && Check(memo, CriterionBlock.Parameters, Criterion.Target, target)
            && Check(memo, CriterionBlock.Parameters, Criterion.TargetFamily, family)
            && Check(memo, CriterionBlock.Parameters, Criterion.Versions, versions)
            && Check(memo, CriterionBlock.Parameters, Criterion.Variants, variants)
            && Check(memo, CriterionBlock.Parameters, Criterion.Stacks, stacks)
            && Check(memo, CriterionBlock.Host, Criterion.Platform, platform)
            && Check(memo, CriterionBlock.Host, Criterion.OS, os)
            && Check(memo, CriterionBlock.Host, Criterion.Target, target);

    private bool Check(QueryMemo? memo, int block, Criterion criterion, object? value) =>
        QueryMemo.Check(memo, block, criterion, value, (block == CriterionBlock.Host ? _hostTests : _parameterTests)[(int)criterion]);
}
