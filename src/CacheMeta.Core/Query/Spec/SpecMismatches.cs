using System;
using System.Collections.Generic;

namespace CacheMeta.Query.Spec;

/// <summary>
/// Explains which parts of a <see cref="SpecConstraint"/> a record fails, one sentence per part: the version, each
/// compiler, each variant, platform, os, target and hash. Each part is tested as a one-part SpecConstraint, so the
/// explanation and <see cref="SpecConstraint.Matches(CacheSpec)"/> cannot disagree: a record has no mismatches exactly when it matches.
/// </summary>
internal sealed class SpecMismatches
{
    private readonly SpecConstraint _constraint;
    private readonly List<(SpecConstraint Part, Func<CacheSpec, string> Sentence)> _parts = new();

    public SpecMismatches(SpecConstraint constraint)
    {
        _constraint = constraint ?? throw new ArgumentNullException(nameof(constraint));
        var none = Array.Empty<string>();
        if (constraint.Version is { } version)
        {
            Check(Part("@" + version.Text, version: version), s => $"version {s.Version ?? "(none)"} is not in @{version.Text}");
        }

        foreach (string compiler in constraint.Compilers)
        {
            Check(Part("%" + compiler, compilers: new[] { compiler }), s => s.Compiler is null or "none"
                ? $"no compiler, wanted %{compiler}"
                : $"compiler {s.Compiler}, wanted %{compiler}");
        }

        foreach (string variant in constraint.Variants)
        {
            Check(Part(variant, variants: new[] { variant }), s => VariantSentence(s, variant));
        }

        if (constraint.Platform is { } platform)
        {
            Check(Part("platform=" + platform, platform: platform), s => $"platform {s.Platform ?? "(none)"}, wanted platform={platform}");
        }

        if (constraint.OS is { } os)
        {
            Check(Part("os=" + os, os: os), s => $"os {s.OS ?? "(none)"}, wanted os={os}");
        }

        if (constraint.Target is { } target)
        {
            Check(Part("target=" + target, target: target), s => $"target {s.Target ?? "(none)"} is not in target={target}");
        }

        if (constraint.Hash is { } hash)
        {
            Check(new SpecConstraint("/" + hash, null, null, none, none, null, null, null, hash),
                s => $"hash {s.ShortHash ?? "(none)"} does not start with /{hash}");
        }
    }

    /// <summary>True when the record is a spec of the package the constraint names (or it names none).</summary>
    public bool AppliesTo(CacheSpec spec) => _constraint.MatchesName(spec.Package);

    /// <summary>Adds a sentence for each part the record fails, in the order the parts are listed above.</summary>
    public void Add(CacheSpec spec, List<string> sentences)
    {
        foreach (var (part, sentence) in _parts)
        {
            if (!part.Matches(spec))
            {
                sentences.Add(sentence(spec));
            }
        }
    }

    private void Check(SpecConstraint part, Func<CacheSpec, string> sentence) => _parts.Add((part, sentence));

    private static SpecConstraint Part(string text, VersionConstraint? version = null, string[]? compilers = null,
        string[]? variants = null, string? platform = null, string? os = null, string? target = null) =>
        new(text, null, version, compilers ?? Array.Empty<string>(), variants ?? Array.Empty<string>(), platform, os, target, null);

    // "+mpi" against "~mpi" says "variant ~mpi, wanted +mpi"; a variant the record lacks says "no variant mpi".
    private static string VariantSentence(CacheSpec spec, string wanted)
    {
        string name = NameOf(wanted);
        var have = new List<string>();
        foreach (string variant in spec.Variants)
        {
            if (string.Equals(NameOf(variant), name, StringComparison.OrdinalIgnoreCase))
            {
                have.Add(variant);
            }
        }

        return have.Count == 0 ? $"no variant {name}, wanted {wanted}" : $"variant {string.Join(" ", have)}, wanted {wanted}";
    }

    private static string NameOf(string variant)
    {
        string name = variant.TrimStart('+', '~', '-');
        int eq = name.IndexOf('=');
        return eq < 0 ? name : name.Substring(0, eq > 0 && name[eq - 1] == ':' ? eq - 1 : eq);
    }
}
