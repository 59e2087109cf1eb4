using System;
using System.Collections.Generic;

namespace CacheMeta.Query;

/// <summary>One filter parameter's values, OR-ed: matches when any pattern matches a value.</summary>
internal sealed class PatternMatcher
{
    private readonly Wildcard[] _patterns;

    public PatternMatcher(IReadOnlyList<string> patterns)
    {
        _patterns = new Wildcard[patterns.Count];
        for (int i = 0; i < _patterns.Length; i++)
        {
            _patterns[i] = new Wildcard(patterns[i]);
        }
    }

    public bool Matches(string? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var p in _patterns)
        {
            if (p.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }

    public bool MatchesAny(IReadOnlyList<string> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (Matches(values[i]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Compiler patterns: <c>gcc</c> matches any gcc; <c>gcc@13.2.0</c> matches <c>gcc@13.2.0</c> and
/// <c>gcc@=13.2.0</c>; <c>gcc@13</c> any 13.x (Spack's prefix rule); <c>gcc@=13.2</c> exactly;
/// with wildcards the pattern is matched against the compiler as written and in <c>name@version</c> form.
/// Names compare through <see cref="CompilerAliases"/>, so <c>oneapi</c> also finds <c>intel-oneapi-compilers</c>.
/// </summary>
internal sealed class CompilerMatcher
{
    private readonly List<Func<string, bool>> _tests = new();

    public CompilerMatcher(IReadOnlyList<string> patterns)
    {
        foreach (string pattern in patterns)
        {
            _tests.Add(Compile(pattern.Trim().TrimStart('%')));
        }
    }

    public bool Matches(string? compiler)
    {
        if (compiler is null)
        {
            return false;
        }

        foreach (var test in _tests)
        {
            if (test(compiler))
            {
                return true;
            }
        }

        return false;
    }

    private static Func<string, bool> Compile(string pattern)
    {
        if (Wildcard.ContainsWildcard(pattern))
        {
            var wildcard = new Wildcard(pattern);
            return c => wildcard.IsMatch(c) || wildcard.IsMatch(Normalize(c)) || wildcard.IsMatch(CompilerId.Split(c).Name);
        }

        int at = pattern.IndexOf('@');
        if (at < 0)
        {
            return c => CompilerAliases.SameName(CompilerId.Split(c).Name ?? c, pattern);
        }

        string name = pattern.Substring(0, at);
        string version = pattern.Substring(at + 1);
        var constraint = VersionConstraint.Parse(version);
        return c =>
        {
            var (cname, cversion) = CompilerId.Split(c);
            return CompilerAliases.SameName(cname, name)
                && cversion is not null && constraint.IsSatisfiedBy(SpackVersion.Parse(cversion));
        };
    }

    private static string Normalize(string compiler) => compiler.Replace("@=", "@");
}

/// <summary>Version patterns: Spack constraints (<c>6.1</c>, <c>=6.1</c>, <c>1.2:1.4</c>) or wildcards.</summary>
internal sealed class VersionMatcher
{
    private readonly List<Func<string, bool>> _tests = new();

    public VersionMatcher(IReadOnlyList<string> patterns)
    {
        foreach (string raw in patterns)
        {
            string pattern = raw.Trim().TrimStart('@');
            if (Wildcard.ContainsWildcard(pattern))
            {
                var wildcard = new Wildcard(pattern);
                _tests.Add(wildcard.IsMatch);
            }
            else
            {
                var constraint = VersionConstraint.Parse(pattern);
                _tests.Add(v => constraint.IsSatisfiedBy(SpackVersion.Parse(v)));
            }
        }
    }

    public bool MatchesAny(IReadOnlyList<string> versions)
    {
        for (int i = 0; i < versions.Count; i++)
        {
            foreach (var test in _tests)
            {
                if (versions[i] is not null && test(versions[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// Variant patterns, matched against a spec's whole variant list: <c>+mpi</c>, <c>~cuda</c> (or <c>-cuda</c>),
/// a bare <c>mpi</c> meaning <c>+mpi</c>; <c>name=a,b</c> when the spec has at least those values,
/// <c>name:=a,b</c> when exactly those; pages may write a multi-valued variant as <c>name:=a,b</c> or as
/// one <c>name=value</c> item per value, and both read the same.
/// </summary>
internal sealed class VariantMatcher
{
    private readonly List<Func<IReadOnlyList<string>, bool>> _tests = new();

    public VariantMatcher(IReadOnlyList<string> patterns)
    {
        foreach (string raw in patterns)
        {
            _tests.Add(Compile(raw.Trim()));
        }
    }

    public bool Matches(IReadOnlyList<string> variants)
    {
        foreach (var test in _tests)
        {
            if (test(variants))
            {
                return true;
            }
        }

        return false;
    }

    private static Func<IReadOnlyList<string>, bool> Compile(string pattern)
    {
        int eq = pattern.IndexOf('=');
        if (eq < 0)
        {
            if (pattern.StartsWith("-", StringComparison.Ordinal))
            {
                pattern = "~" + pattern.Substring(1);
            }
            else if (!pattern.StartsWith("+", StringComparison.Ordinal) && !pattern.StartsWith("~", StringComparison.Ordinal))
            {
                pattern = "+" + pattern;
            }

            var wildcard = new Wildcard(pattern);
            return variants =>
            {
                for (int i = 0; i < variants.Count; i++)
                {
                    if (wildcard.IsMatch(variants[i]))
                    {
                        return true;
                    }
                }

                return false;
            };
        }

        bool exact = eq > 0 && pattern[eq - 1] == ':';
        var name = new Wildcard(pattern.Substring(0, exact ? eq - 1 : eq));
        var wanted = Array.ConvertAll(pattern.Substring(eq + 1).Split(','), v => new Wildcard(v.Trim()));
        return variants =>
        {
            var values = ValuesOf(variants, name);
            if (values is null)
            {
                return false;
            }

            foreach (var w in wanted)
            {
                if (!values.Exists(w.IsMatch))
                {
                    return false;
                }
            }

            return !exact || values.TrueForAll(v => Array.Exists(wanted, w => w.IsMatch(v)));
        };
    }

    // All values the spec gives variants whose name matches; null when it has no such variant.
    private static List<string>? ValuesOf(IReadOnlyList<string> variants, Wildcard name)
    {
        List<string>? values = null;
        for (int i = 0; i < variants.Count; i++)
        {
            string item = variants[i];
            int eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            int nameEnd = item[eq - 1] == ':' ? eq - 1 : eq;
            if (!name.IsMatch(item.Substring(0, nameEnd)))
            {
                continue;
            }

            values ??= new List<string>();
            values.AddRange(item.Substring(eq + 1).Split(','));
        }

        return values;
    }
}
