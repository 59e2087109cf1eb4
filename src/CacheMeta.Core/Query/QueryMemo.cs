using System;
using System.Collections.Generic;

namespace CacheMeta.Query;

/// <summary>
/// Per-worker answers of a <see cref="CompiledQuery"/>, keyed by criterion and value identity: readers hand
/// out one instance per distinct value, so each distinct compiler, target or variant list is tested once.
/// Answers are kept per block and <see cref="Criterion"/> (see <see cref="CriterionBlock"/>).
/// </summary>
internal sealed class QueryMemo
{
    private const int MaxAnswers = 1 << 16;
    private Dictionary<object, bool>?[] _answers = new Dictionary<object, bool>?[2 * CriterionBlock.Size];

    /// <summary>A memo; with <paramref name="tally"/>, the values it is asked about are also shown to the query's census.</summary>
    public QueryMemo(CensusTally? tally = null) => Tally = tally;

    /// <summary>The worker's part of the query's <see cref="ValueCensus"/>; null when the query has none.</summary>
    public CensusTally? Tally { get; }

    public Dictionary<object, bool> For(int block, Criterion test)
    {
        int criterion = block * CriterionBlock.Size + (int)test;
        if (criterion >= _answers.Length)
        {
            Array.Resize(ref _answers, Math.Max(criterion + 1, _answers.Length * 2));
        }

        var answers = _answers[criterion] ??= new Dictionary<object, bool>(ReferenceComparer.Instance);
        if (answers.Count >= MaxAnswers)
        {
            answers.Clear(); // hostile input with endless distinct values: stay bounded
        }

        return answers;
    }

    /// <summary>
    /// The answer of <paramref name="test"/> for <paramref name="value"/>, remembered in <paramref name="memo"/>
    /// (asked every time without one); true when there is no test.
    /// </summary>
    public static bool Check(QueryMemo? memo, int block, Criterion criterion, object? value, Func<object?, bool>? test)
    {
        if (test is null)
        {
            return true;
        }

        if (value is null || memo is null)
        {
            return test(value);
        }

        var answers = memo.For(block, criterion);
        if (!answers.TryGetValue(value, out bool answer))
        {
            answer = test(value);
            answers.Add(value, answer);
        }

        return answer;
    }
}

/// <summary>Compares by reference; netstandard2.0 has no ReferenceEqualityComparer.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<object>
{
    public static readonly ReferenceComparer Instance = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
