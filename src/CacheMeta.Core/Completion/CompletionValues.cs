using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Pages;
using CacheMeta.Targets;

namespace CacheMeta.Completion;

/// <summary>
/// The values a source offers for each completable parameter, gathered from page summaries and tags.
/// Compilers are offered by name and as <c>name@version</c> (without the <c>=</c> older pages write, which
/// -Compiler does not need). <see cref="WellKnown"/> holds values for when no source is named.
/// </summary>
internal sealed class CompletionValues
{
    private readonly Dictionary<CompletionField, HashSet<string>> _values = new();

    /// <summary>Values seen in the public cache and archspec's table, offered when the command line names no source.</summary>
    public static CompletionValues WellKnown { get; } = KnownValues.Create();

    /// <summary>Adds one value for a field (blank values are ignored).</summary>
    public void Add(CompletionField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!_values.TryGetValue(field, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _values.Add(field, set);
        }

        set.Add(value!);
    }

    /// <summary>Adds what a package summary lists: its name, tag, stacks, targets (and families), OSes, platforms, compilers.</summary>
    public void Add(CachePackage package)
    {
        Add(CompletionField.Name, package.Name);
        Add(CompletionField.Tag, package.Tag);
        AddAll(CompletionField.Stack, package.Stacks);
        AddAll(CompletionField.OS, package.OperatingSystems);
        AddAll(CompletionField.Platform, package.Platforms);
        foreach (string target in package.Targets)
        {
            Add(CompletionField.Target, target);
            Add(CompletionField.TargetFamily, Microarchitectures.FamilyOf(target));
        }

        foreach (string compiler in package.Compilers)
        {
            AddCompiler(compiler);
        }
    }

    /// <summary>Adds a tag and its stacks.</summary>
    public void Add(CacheTag tag)
    {
        Add(CompletionField.Tag, tag.Name);
        AddAll(CompletionField.Stack, tag.Stacks);
    }

    /// <summary>Adds a compiler as written (<c>gcc@=13.2.0</c>): its name and <c>gcc@13.2.0</c>; <c>none</c> is skipped.</summary>
    public void AddCompiler(string compiler)
    {
        var (name, version) = CompilerId.Split(compiler);
        Add(CompletionField.Compiler, name);
        if (name is not null && version is not null)
        {
            Add(CompletionField.Compiler, name + "@" + version);
        }
    }

    /// <summary>The values for a field, sorted case-insensitively.</summary>
    public IReadOnlyList<string> For(CompletionField field) =>
        _values.TryGetValue(field, out var set)
            ? set.OrderBy(v => v, StringComparer.OrdinalIgnoreCase).ThenBy(v => v, StringComparer.Ordinal).ToList()
            : Array.Empty<string>();

    private void AddAll(CompletionField field, IEnumerable<string> values)
    {
        foreach (string value in values)
        {
            Add(field, value);
        }
    }
}
