using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Completion;
using CacheMeta.Text;

namespace CacheMeta.Query;

/// <summary>A filter value given without wildcards that nothing the source holds matches, with what it does hold.</summary>
internal sealed class UnmatchedValue
{
    public UnmatchedValue(CompletionField field, string value, IReadOnlyList<string> held, bool heldAll)
    {
        Field = field;
        Value = value;
        Held = held;
        HeldAll = heldAll;
    }

    public CompletionField Field { get; }

    public string Value { get; }

    /// <summary>The distinct values of the field that were seen, in code-point order.</summary>
    public IReadOnlyList<string> Held { get; }

    /// <summary>False when there were more distinct values than the census keeps (it keeps the first few hundred).</summary>
    public bool HeldAll { get; }
}

/// <summary>
/// Finds the filter values, given without wildcards, that nothing a source holds matches (<c>-Stack e4z</c>), and
/// gathers what the source holds instead, for a warning that names it. Readers show it every value they meet
/// before they test it (tags of folders and pages, each record's stacks, target, OS, platform, compiler), through a
/// <see cref="CensusTally"/> of their own; each distinct value is looked at once per tally. Once every value has
/// been found, observing is one flag read, so a query whose values all exist costs nothing more.
/// <para>What the census sees is what the readers consider: the packages and tags asked for. With -Hash, records
/// are ruled out before their values are seen, so record fields are not counted then.</para>
/// </summary>
internal sealed class ValueCensus
{
    // Indexed by CompletionField: the filter parameters whose values are names a source holds. The census checks
    // all of them but Name.
    private const int FieldCount = 8;

    private readonly Wanted[][] _wanted = new Wanted[FieldCount][];
    private readonly int[] _openPerField = new int[FieldCount];
    private readonly ConcurrentBag<CensusTally> _tallies = new();
    private readonly CensusTally _direct;
    private int _open;

    private ValueCensus(SpecQuery query)
    {
        bool records = SpecQuery.IsEmpty(query.Hash);
        Add(CompletionField.Name, null, Patterns);
        Add(CompletionField.Tag, query.Tag, Patterns);
        Add(CompletionField.Stack, records ? query.Stack : null, Patterns);
        Add(CompletionField.Target, records ? query.Target : null, Patterns);
        Add(CompletionField.TargetFamily, records ? query.TargetFamily : null, Patterns);
        Add(CompletionField.OS, records ? query.OS : null, Patterns);
        Add(CompletionField.Platform, records ? query.Platform : null, Patterns);
        Add(CompletionField.Compiler, records ? query.Compiler : null, v => new CompilerMatcher(new[] { v }).Matches);
        _direct = new CensusTally(this);
        _tallies.Add(_direct);
    }

    /// <summary>True once every value was found: readers stop observing.</summary>
    public bool Complete => Volatile.Read(ref _open) == 0;

    /// <summary>A census of the query's values given without wildcards; null when it has none.</summary>
    public static ValueCensus? For(SpecQuery query)
    {
        var census = new ValueCensus(query);
        return census._open == 0 ? null : census;
    }

    /// <summary>A tally for one reader (one thread at a time).</summary>
    public CensusTally NewTally()
    {
        var tally = new CensusTally(this);
        _tallies.Add(tally);
        return tally;
    }

    /// <summary>Observes a value outside a reader's tally (a folder name, a catalog's tags): rare, so locked.</summary>
    public void Observe(CompletionField field, string? value)
    {
        if (IsOpen(field))
        {
            lock (_direct)
            {
                _direct.Observe(field, value);
            }
        }
    }

    /// <summary>The values nothing matched, once reading is over (every tally is then at rest).</summary>
    public IReadOnlyList<UnmatchedValue> Unmatched()
    {
        var unmatched = new List<UnmatchedValue>();
        for (int field = 0; field < FieldCount; field++)
        {
            var missing = _wanted[field].Where(w => Volatile.Read(ref w.Found) == 0).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var held = new SortedSet<string>(CodePointComparer.Instance);
            bool all = true;
            foreach (var tally in _tallies)
            {
                all &= tally.Held((CompletionField)field, held);
            }

            foreach (var value in missing)
            {
                unmatched.Add(new UnmatchedValue((CompletionField)field, value.Text, held.ToList(), all));
            }
        }

        return unmatched;
    }

    internal bool IsOpen(CompletionField field) => Volatile.Read(ref _openPerField[(int)field]) > 0;

    // Tests a value the census has not seen from this tally against the values still unfound.
    internal void Test(CompletionField field, string value)
    {
        foreach (var wanted in _wanted[(int)field])
        {
            if (Volatile.Read(ref wanted.Found) == 0 && wanted.Matches(value) && Interlocked.Exchange(ref wanted.Found, 1) == 0)
            {
                Interlocked.Decrement(ref _openPerField[(int)field]);
                Interlocked.Decrement(ref _open);
            }
        }
    }

    private static Func<string?, bool> Patterns(string value) => new Wildcard(value).IsMatch;

    private void Add(CompletionField field, IReadOnlyList<string>? values, Func<string, Func<string?, bool>> matcher)
    {
        var literal = (values ?? Array.Empty<string>()).Where(v => !string.IsNullOrEmpty(v) && !Wildcard.ContainsWildcard(v))
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(v => new Wanted(v, matcher(v))).ToArray();
        _wanted[(int)field] = literal;
        _openPerField[(int)field] = literal.Length;
        _open += literal.Length;
    }

    private sealed class Wanted
    {
        public Wanted(string text, Func<string?, bool> matches)
        {
            Text = text;
            Matches = matches;
        }

        public string Text { get; }

        public Func<string?, bool> Matches { get; }

        public int Found; // 1 once a value matched; set with Interlocked, read with Volatile
    }
}

/// <summary>
/// One reader's part of a <see cref="ValueCensus"/>: the values it has seen (by reference: readers share one
/// instance per distinct value, so this is one set lookup per record and field), and a bounded list of their texts.
/// </summary>
internal sealed class CensusTally
{
    private const int MaxSeen = 1 << 16, MaxHeld = 512;

    private readonly ValueCensus _census;
    private readonly HashSet<object>?[] _seen = new HashSet<object>?[8];
    private readonly HashSet<string>?[] _held = new HashSet<string>?[8];
    private readonly bool[] _overflow = new bool[8];

    public CensusTally(ValueCensus census) => _census = census;

    /// <summary>True while some record-level value is still unfound.</summary>
    public bool Open => !_census.Complete;

    public void Observe(CompletionField field, string? value)
    {
        if (value is not null && _census.IsOpen(field) && FirstSight(field, value))
        {
            Hold(field, value);
            _census.Test(field, value);
        }
    }

    /// <summary>Observes a record's values, before any of them is tested.</summary>
    public void ObserveRecord(string? compiler, string? os, string? platform, string? target, string? family, IReadOnlyList<string> stacks)
    {
        Observe(CompletionField.Compiler, compiler);
        Observe(CompletionField.OS, os);
        Observe(CompletionField.Platform, platform);
        Observe(CompletionField.Target, target);
        Observe(CompletionField.TargetFamily, family);
        if (_census.IsOpen(CompletionField.Stack) && FirstSight(CompletionField.Stack, stacks))
        {
            for (int i = 0; i < stacks.Count; i++)
            {
                Hold(CompletionField.Stack, stacks[i]);
                _census.Test(CompletionField.Stack, stacks[i]);
            }
        }
    }

    // Adds the texts seen for a field; false when some were not kept.
    internal bool Held(CompletionField field, ISet<string> into)
    {
        foreach (string value in _held[(int)field] ?? Enumerable.Empty<string>())
        {
            into.Add(value);
        }

        return !_overflow[(int)field];
    }

    private bool FirstSight(CompletionField field, object value)
    {
        var seen = _seen[(int)field] ??= new HashSet<object>(ReferenceComparer.Instance);
        if (seen.Count >= MaxSeen)
        {
            seen.Clear(); // endless distinct values: stay bounded, at the price of looking again
        }

        return seen.Add(value);
    }

    private void Hold(CompletionField field, string? value)
    {
        if (value is null)
        {
            return;
        }

        var held = _held[(int)field] ??= new HashSet<string>(StringComparer.Ordinal);
        if (held.Count < MaxHeld)
        {
            held.Add(value);
        }
        else if (!held.Contains(value))
        {
            _overflow[(int)field] = true;
        }
    }
}
