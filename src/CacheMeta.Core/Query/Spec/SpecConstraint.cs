using System;
using System.Collections.Generic;
using System.Text;

namespace CacheMeta.Query.Spec;

/// <summary>
/// One spec in Spack's syntax, as a constraint on cache records: <c>zlib@1.2:1.4 %gcc@13 +shared
/// target=x86_64_v3: /abc ^openmpi@5:</c>. A record matches when it satisfies every part, as Spack's
/// <c>spack buildcache list &lt;spec&gt;</c> keeps the concrete specs that satisfy the constraint; each
/// <see cref="Dependencies"/> term is satisfied when any record the spec depends on, directly or not and through
/// edges of any type, satisfies it, as Spack matches <c>^</c>. Only a source that records dependencies (an index,
/// through its graph) can answer those: <see cref="Matches(CacheSpec)"/> refuses them. Parse strings with <see cref="Parse"/>.
/// </summary>
internal sealed class SpecConstraint
{
    private readonly Wildcard? _name;
    private readonly Func<object?, bool>? _version, _compilers, _variants, _platform, _os, _target;

    internal SpecConstraint(string text, string? name, VersionConstraint? version, IReadOnlyList<string> compilers,
        IReadOnlyList<string> variants, string? platform, string? os, string? target, string? hash)
    {
        Text = text;
        Name = name;
        Version = version;
        Compilers = compilers;
        Variants = variants;
        Platform = platform;
        OS = os;
        Target = target;
        Hash = hash;

        _name = name is null ? null : new Wildcard(name);
        if (version is not null)
        {
            _version = v => AnyVersion(version, (IReadOnlyList<string>)v!);
        }

        if (compilers.Count > 0)
        {
            var matchers = Array.ConvertAll(ToArray(compilers), c => new CompilerMatcher(new[] { c }));
            _compilers = v => Array.TrueForAll(matchers, m => m.Matches((string?)v));
        }

        if (variants.Count > 0)
        {
            var matchers = Array.ConvertAll(ToArray(variants), c => new VariantMatcher(new[] { c }));
            _variants = v => Array.TrueForAll(matchers, m => m.Matches((IReadOnlyList<string>)v!));
        }

        _platform = Pattern(platform);
        _os = Pattern(os);
        if (target is not null)
        {
            var targets = TargetConstraint.Parse(target);
            _target = v => targets.Matches((string?)v);
            UnknownRangeTargets = targets.UnknownRangeTargets;
        }
    }

    /// <summary>Ends of <c>target=</c> ranges that no known target is (see <see cref="TargetConstraint.UnknownRangeTargets"/>).</summary>
    internal IReadOnlyList<string> UnknownRangeTargets { get; } = Array.Empty<string>();

    /// <summary>This spec as written in the string it came from.</summary>
    public string Text { get; }

    /// <summary>The package name (wildcards allowed); null for an anonymous spec such as <c>%gcc@13</c>.</summary>
    public string? Name { get; }

    /// <summary>The version list after <c>@</c>; null when none is given.</summary>
    public VersionConstraint? Version { get; }

    /// <summary>Compilers (<c>gcc@13</c>), each of which the record's compiler must satisfy.</summary>
    public IReadOnlyList<string> Compilers { get; }

    /// <summary>Variants as Spack prints them (<c>+mpi</c>, <c>~cuda</c>, <c>cuda_arch=80,90</c>, <c>patches:=abc</c>).</summary>
    public IReadOnlyList<string> Variants { get; }

    /// <summary>The platform (<c>linux</c>); null when none is given.</summary>
    public string? Platform { get; }

    /// <summary>The operating system (<c>ubuntu22.04</c>); null when none is given.</summary>
    public string? OS { get; }

    /// <summary>The target or target range (<c>zen2</c>, <c>x86_64_v3:</c>, <c>aarch64:</c>); null when none is given.</summary>
    public string? Target { get; }

    /// <summary>The DAG-hash prefix after <c>/</c>; null when none is given.</summary>
    public string? Hash { get; }

    /// <summary>The <c>^</c> terms: dependencies the spec must have somewhere in its DAG (empty when none are given).</summary>
    public IReadOnlyList<SpecConstraint> Dependencies { get; internal set; } = Array.Empty<SpecConstraint>();

    /// <summary>For a <c>^</c> term: the virtuals the edge to the dependency must provide (<c>^mpi=openmpi</c>, <c>^[virtuals=mpi]</c>).</summary>
    public IReadOnlyList<string> Virtuals { get; internal set; } = Array.Empty<string>();

    /// <summary>For a <c>^</c> term: the types the edge to the dependency must have (<c>^[deptypes=link]</c>); None for any.</summary>
    public DependencyTypes DependencyTypes { get; internal set; }

    /// <summary>True when the spec says more than a package name, so single records must be checked.</summary>
    public bool HasSpecCriteria =>
        Version is not null || Compilers.Count > 0 || Variants.Count > 0 || Platform is not null || OS is not null
        || Target is not null || Hash is not null || Dependencies.Count > 0;

    /// <summary>True when the spec has <c>^</c> terms, which only a source that records dependencies can answer.</summary>
    public bool HasDependencies => Dependencies.Count > 0;

    // The whole string the spec was parsed from and where it starts in it, for errors that point at a '^'.
    internal string Source { get; set; } = "";

    internal int Start { get; set; }

    /// <summary>True when matching needs more of a record than its name, version and hash.</summary>
    internal bool NeedsValues => Compilers.Count > 0 || Variants.Count > 0 || Platform is not null || OS is not null || Target is not null;

    /// <summary>Parses a string of one or more specs (a new package name starts a new spec, as in Spack);
    /// throws a <see cref="CacheMetaException"/> with ErrorId InvalidSpecSyntax that points at the column.</summary>
    public static IReadOnlyList<SpecConstraint> Parse(string text) => SpecParser.Parse(text);

    /// <summary>True when a spec of this package can match (the name is not given or matches, ignoring case).</summary>
    public bool MatchesName(string? package) => _name is null || _name.IsMatch(package);

    /// <summary>True when the spec record satisfies every part of this constraint.</summary>
    /// <exception cref="CacheMetaException">InvalidSpecSyntax: the constraint has <c>^</c> terms, which a record alone
    /// cannot answer (pages record no dependencies).</exception>
    public bool Matches(CacheSpec spec)
    {
        if (HasDependencies)
        {
            throw DependenciesNotRecorded();
        }

        return MatchesNode(spec);
    }

    /// <summary>True when the record satisfies every part, its <c>^</c> terms answered by the graph of its index.</summary>
    internal bool Matches(CacheSpec spec, IDependencyGraph graph)
    {
        if (!MatchesNode(spec))
        {
            return false;
        }

        foreach (var dependency in Dependencies)
        {
            if (spec.Hash is null || !graph.HasDependency(spec.Hash, dependency))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The error for a source that records no dependencies, pointing at the first <c>^</c>.</summary>
    internal CacheMetaException DependenciesNotRecorded()
    {
        var error = SpecSyntaxError.At(Source, Dependencies[0].Start, 1, "Pages do not record dependencies; read an index instead.");
        error.Remedy = CacheRemedy.ReadIndex;
        return error;
    }

    /// <summary>A record's name, version and hash against this constraint (for records read without their other values).</summary>
    internal bool MatchesIdentity(string name, string? version, string hash) =>
        MatchesName(name) && (Hash is null || HashPrefix.Matches(hash, Hash))
        && (Version is null || (version is not null && Version.IsSatisfiedBy(SpackVersion.Parse(version))));

    /// <summary>Every part but the <c>^</c> terms.</summary>
    internal bool MatchesNode(CacheSpec spec)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        return MatchesName(spec.Package) && (Hash is null || HashPrefix.Matches(spec.Hash, Hash))
            && MatchesValues(null, 0, spec.Compiler, spec.OS, spec.Platform, spec.Target, spec.Versions, spec.Variants);
    }

    /// <summary>The parts other than name and hash, on a record's shared values, memoized in the memo's <paramref name="block"/>.</summary>
    internal bool MatchesValues(QueryMemo? memo, int block, string? compiler, string? os, string? platform, string? target,
        IReadOnlyList<string> versions, IReadOnlyList<string> variants) =>
        QueryMemo.Check(memo, block, Criterion.Platform, platform, _platform)
        && QueryMemo.Check(memo, block, Criterion.OS, os, _os)
        && QueryMemo.Check(memo, block, Criterion.Target, target, _target)
        && QueryMemo.Check(memo, block, Criterion.Compiler, compiler, _compilers)
        && QueryMemo.Check(memo, block, Criterion.Versions, versions, _version)
        && QueryMemo.Check(memo, block, Criterion.Variants, variants, _variants);

    /// <summary>The spec in Spack's order: name, version, variants, compilers, architecture, hash.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name ?? "");
        if (Version is not null)
        {
            text.Append('@').Append(Version.Text);
        }

        foreach (string variant in Variants)
        {
            (variant[0] is '+' or '~' ? text : Separate(text)).Append(variant);
        }

        foreach (string compiler in Compilers)
        {
            Separate(text).Append('%').Append(compiler);
        }

        if (Platform is not null)
        {
            Separate(text).Append("platform=").Append(Platform);
        }

        if (OS is not null)
        {
            Separate(text).Append("os=").Append(OS);
        }

        if (Target is not null)
        {
            Separate(text).Append("target=").Append(Target);
        }

        if (Hash is not null)
        {
            Separate(text).Append('/').Append(Hash);
        }

        foreach (var dependency in Dependencies)
        {
            Separate(text).Append(dependency.EdgeText()).Append(dependency);
        }

        return text.ToString();
    }

    // ^, ^mpi=, ^[virtuals=mpi deptypes=link] (the dependency itself follows).
    private string EdgeText()
    {
        if (DependencyTypes == DependencyTypes.None)
        {
            return Virtuals.Count == 0 ? "^" : "^" + string.Join(",", Virtuals) + "=";
        }

        var attributes = new List<string>();
        if (Virtuals.Count > 0)
        {
            attributes.Add("virtuals=" + string.Join(",", Virtuals));
        }

        attributes.Add("deptypes=" + DependencyTypes.ToString().ToLowerInvariant().Replace(" ", ""));
        return "^[" + string.Join(" ", attributes) + "] ";
    }

    private static StringBuilder Separate(StringBuilder text) => text.Length == 0 ? text : text.Append(' ');

    private static bool AnyVersion(VersionConstraint constraint, IReadOnlyList<string> versions)
    {
        for (int i = 0; i < versions.Count; i++)
        {
            if (versions[i] is not null && constraint.IsSatisfiedBy(SpackVersion.Parse(versions[i])))
            {
                return true;
            }
        }

        return false;
    }

    private static Func<object?, bool>? Pattern(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var wildcard = new Wildcard(value);
        return v => wildcard.IsMatch((string?)v);
    }

    private static string[] ToArray(IReadOnlyList<string> values)
    {
        var array = new string[values.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = values[i];
        }

        return array;
    }
}
