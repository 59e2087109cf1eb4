using System;
using System.Collections.Generic;
using CacheMeta.Hosts;
using CacheMeta.Query.Spec;

namespace CacheMeta.Query;

/// <summary>
/// "Why not" for binaries: measures candidate specs against parsed spec constraints and a host, and keeps the nearest
/// misses. A candidate is a spec of a package some constraint names (any package when a constraint names none); it is
/// measured against the constraint it misses least (constraints are OR-ed, as in -Spec), plus the host. Candidates that
/// miss nothing are the answer and are returned as they are offered; the others are ranked by how many constraints
/// they miss, ties in the order they were offered, and only the first <c>first</c> are kept, so memory stays bounded.
/// </summary>
internal sealed class SpecFinder
{
    private readonly SpecMismatches[] _constraints;
    private readonly HostCompatibility? _host;
    private readonly int _first;
    private readonly List<CacheSpecMatch> _nearest = new();

    /// <summary>Measures against <paramref name="constraints"/> (none: only the host) and <paramref name="host"/> (null: none),
    /// keeping at most <paramref name="first"/> nearest misses.</summary>
    public SpecFinder(IReadOnlyList<SpecConstraint> constraints, CacheHost? host, OSCompatibility rule = OSCompatibility.Exact, int first = 5)
    {
        if (first < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(first));
        }

        var measures = new List<SpecMismatches>();
        foreach (var constraint in constraints)
        {
            if (constraint.HasDependencies)
            {
                // A binary is measured alone: what its dependencies miss is another binary's story.
                throw SpecSyntaxError.At(constraint.Source, constraint.Dependencies[0].Start, 1,
                    "a nearest-binary search measures each binary alone, so it takes no '^' terms.");
            }

            measures.Add(new SpecMismatches(constraint));
        }

        if (measures.Count == 0)
        {
            var none = Array.Empty<string>();
            measures.Add(new SpecMismatches(new SpecConstraint("", null, null, none, none, null, null, null, null)));
        }

        _constraints = measures.ToArray();
        _host = host is null ? null : new HostCompatibility(host, rule);
        _first = first;
    }

    /// <summary>The host the candidates must run on; null when none was given.</summary>
    public CacheHost? Host => _host?.Host;

    /// <summary>
    /// What a source must yield for the finder: every spec of the packages the constraints name (of any package when one
    /// names none), in the tags and stacks given; nothing else, since a near miss may differ in any other part.
    /// </summary>
    public static SpecQuery CandidateQuery(IReadOnlyList<SpecConstraint> constraints, IReadOnlyList<string>? tags = null,
        IReadOnlyList<string>? stacks = null)
    {
        var names = new List<string>();
        foreach (var constraint in constraints)
        {
            if (constraint.Name is null)
            {
                names = null;
                break;
            }

            names.Add(constraint.Name);
        }

        return new SpecQuery { Name = names is { Count: > 0 } ? names : null, Tag = tags, Stack = stacks };
    }

    /// <summary>How many offered candidates missed nothing.</summary>
    public int Found { get; private set; }

    /// <summary>The nearest misses so far, nearest first (at most <c>first</c>).</summary>
    public IReadOnlyList<CacheSpecMatch> Nearest => _nearest;

    /// <summary>The spec measured against its nearest constraint and the host; null when no constraint names its package.</summary>
    public CacheSpecMatch? Measure(CacheSpec spec)
    {
        List<string>? best = null;
        foreach (var constraint in _constraints)
        {
            if (!constraint.AppliesTo(spec))
            {
                continue;
            }

            var sentences = new List<string>();
            constraint.Add(spec, sentences);
            if (best is null || sentences.Count < best.Count)
            {
                best = sentences;
            }
        }

        if (best is null)
        {
            return null;
        }

        bool compatible = true;
        if (_host is not null)
        {
            int before = best.Count;
            _host.AddMismatches(spec, best);
            compatible = best.Count == before;
        }

        return new CacheSpecMatch(spec, best, compatible);
    }

    /// <summary>
    /// Measures a candidate: returns its match when it misses nothing (the caller writes it at once); otherwise keeps it
    /// among the nearest misses when it is near enough, and returns null. Specs of other packages are ignored.
    /// </summary>
    public CacheSpecMatch? Offer(CacheSpec spec)
    {
        var match = Measure(spec);
        if (match is null)
        {
            return null;
        }

        if (match.MismatchCount == 0)
        {
            Found++;
            return match;
        }

        // After every kept match with as few or fewer misses: ties stay in the order they came.
        int at = _nearest.Count;
        while (at > 0 && _nearest[at - 1].MismatchCount > match.MismatchCount)
        {
            at--;
        }

        if (at < _first)
        {
            _nearest.Insert(at, match);
            if (_nearest.Count > _first)
            {
                _nearest.RemoveAt(_nearest.Count - 1);
            }
        }

        return null;
    }
}
