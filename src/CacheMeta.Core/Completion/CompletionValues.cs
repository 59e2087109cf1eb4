using System;
using System.Collections.Generic;
using System.Linq;
using CacheMeta.Query;
using CacheMeta.Targets;

namespace CacheMeta.Completion;

/// <summary>
/// The values a source offers for each completable parameter, gathered from package summaries, specs and tags.
/// Compilers are offered by name and as <c>name@version</c> (without the <c>=</c> older pages write, which
/// -Compiler does not need); versions and variants are also kept per package, so <c>-Name hdf5 -Version</c> and
/// <c>-Spec hdf5@</c> offer hdf5's own. Filled on a background reader while a completer reads it (a completion that
/// runs out of time offers what is there), so every member locks. <see cref="WellKnown"/> holds values for when
/// no source is named.
/// </summary>
internal sealed class CompletionValues
{
    private readonly object _gate = new();
    private readonly Dictionary<CompletionField, HashSet<string>> _values = new();
    private readonly Dictionary<string, PackageValues> _packages = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Values seen in the public cache and archspec's table, offered when the command line names no source.</summary>
    public static CompletionValues WellKnown { get; } = KnownValues.Create();

    /// <summary>Adds one value for a field (blank values are ignored).</summary>
    public void Add(CompletionField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        lock (_gate)
        {
            Set(_values, field).Add(value!);
        }
    }

    /// <summary>Adds what a package summary lists: its name, tag, stacks, targets (and families), OSes, platforms, compilers, versions.</summary>
    public void Add(CachePackage package)
    {
        Add(CompletionField.Name, package.Name);
        Add(CompletionField.Tag, package.Tag);
        AddAll(CompletionField.Stack, package.Stacks);
        AddAll(CompletionField.OS, package.OperatingSystems);
        AddAll(CompletionField.Platform, package.Platforms);
        foreach (string target in package.Targets)
        {
            AddTarget(target);
        }

        foreach (string compiler in package.Compilers)
        {
            AddCompiler(compiler);
        }

        foreach (string version in package.Versions)
        {
            AddOf(package.Name, CompletionField.Version, version);
        }
    }

    /// <summary>Adds what one spec holds: the fields of a summary, and its variants.</summary>
    public void Add(CacheSpec spec)
    {
        Add(CompletionField.Name, spec.Package);
        Add(CompletionField.Tag, spec.Tag);
        AddAll(CompletionField.Stack, spec.Stacks);
        Add(CompletionField.OS, spec.OS);
        Add(CompletionField.Platform, spec.Platform);
        AddTarget(spec.Target);
        if (spec.Compiler is not null)
        {
            AddCompiler(spec.Compiler);
        }

        foreach (string version in spec.Versions)
        {
            AddOf(spec.Package, CompletionField.Version, version);
        }

        foreach (string variant in spec.Variants)
        {
            AddOf(spec.Package, CompletionField.Variant, variant);
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

    /// <summary>True when the field has no value at all.</summary>
    public bool IsEmpty(CompletionField field)
    {
        lock (_gate)
        {
            return !_values.TryGetValue(field, out var set) || set.Count == 0;
        }
    }

    /// <summary>
    /// The values for a field, as users read them: versions newest first in Spack's order, the rest sorted
    /// case-insensitively. With <paramref name="packages"/> (names, wildcards allowed), versions and variants are
    /// those of the matching packages only.
    /// </summary>
    public IReadOnlyList<string> For(CompletionField field, IReadOnlyList<string>? packages = null)
    {
        List<string> values;
        lock (_gate)
        {
            var patterns = packages is { Count: > 0 } && field is CompletionField.Version or CompletionField.Variant
                ? packages.Select(p => new Wildcard(p)).ToList()
                : null;
            values = patterns is null
                ? (_values.TryGetValue(field, out var set) ? set.ToList() : new List<string>())
                : _packages.Where(p => patterns.Exists(w => w.IsMatch(p.Key)))
                    .SelectMany(p => p.Value.TryGetValue(field, out var own) ? own : Enumerable.Empty<string>())
                    .Distinct(StringComparer.Ordinal).ToList();
        }

        return field == CompletionField.Version
            ? values.OrderByDescending(SpackVersion.Parse).ThenBy(v => v, StringComparer.Ordinal).ToList()
            : values.OrderBy(v => v, StringComparer.OrdinalIgnoreCase).ThenBy(v => v, StringComparer.Ordinal).ToList();
    }

    private void AddTarget(string? target)
    {
        Add(CompletionField.Target, target);
        if (target is not null)
        {
            Add(CompletionField.TargetFamily, Microarchitectures.FamilyOf(target));
        }
    }

    // A value that also belongs to one package: a version, a variant.
    private void AddOf(string package, CompletionField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        lock (_gate)
        {
            Set(_values, field).Add(value!);
            if (!_packages.TryGetValue(package, out var own))
            {
                own = new PackageValues();
                _packages.Add(package, own);
            }

            Set(own, field).Add(value!);
        }
    }

    private void AddAll(CompletionField field, IEnumerable<string> values)
    {
        foreach (string value in values)
        {
            Add(field, value);
        }
    }

    private static HashSet<string> Set(Dictionary<CompletionField, HashSet<string>> sets, CompletionField field)
    {
        if (!sets.TryGetValue(field, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            sets.Add(field, set);
        }

        return set;
    }

    private sealed class PackageValues : Dictionary<CompletionField, HashSet<string>>
    {
    }
}
