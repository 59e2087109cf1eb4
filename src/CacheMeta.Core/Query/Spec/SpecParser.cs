using System;
using System.Collections.Generic;

namespace CacheMeta.Query.Spec;

/// <summary>
/// Turns spec strings into <see cref="SpecConstraint"/>s. One string may hold several specs, as Spack reads
/// them: a package name after a spec's first token starts a new spec (<c>zlib cmake</c> is two), and so does
/// a second hash. Key-value pairs named <c>platform</c>, <c>os</c>, <c>target</c> and <c>arch</c> constrain the
/// architecture; any other key is a variant. <c>^</c> starts a dependency of the spec (<c>hdf5 ^openmpi@5: ^zlib</c>),
/// which the tokens after it describe until the next <c>^</c> or the next spec; a name after a dependency's name
/// starts the next spec, as in Spack. What no source records (namespaces) is an error rather than a constraint
/// silently dropped.
/// </summary>
internal static class SpecParser
{
    public static IReadOnlyList<SpecConstraint> Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var tokens = SpecTokenizer.Tokenize(text);
        if (tokens.Count == 0)
        {
            throw SpecSyntaxError.At(text, 0, text.Length, "The spec is empty.");
        }

        var specs = new List<SpecConstraint>();
        var current = new Builder(text);
        foreach (var token in tokens)
        {
            var node = current.Node;
            bool startsNew = (token.Kind == SpecTokenKind.Name && (node == current ? !current.IsEmpty : node.Name is not null))
                || (token.Kind == SpecTokenKind.Hash && node.Hash is not null);
            if (startsNew)
            {
                specs.Add(current.Build());
                current = new Builder(text);
            }

            current.Add(token);
        }

        specs.Add(current.Build());
        return specs;
    }

    // One spec: its own parts, and a builder per dependency, to which the tokens after a '^' go.
    private sealed class Builder
    {
        private readonly string _text;
        private readonly SpecToken? _edge;
        private readonly List<string> _compilers = new();
        private readonly List<string> _variants = new();
        private readonly List<Builder> _dependencies = new();
        private int _start = -1, _end;
        private string? _platform, _os, _target;
        private VersionConstraint? _version;
        private bool _named;

        public Builder(string text, SpecToken? edge = null)
        {
            _text = text;
            _edge = edge;
        }

        public string? Hash { get; private set; }

        public string? Name { get; private set; }

        public bool IsEmpty => _start < 0;

        /// <summary>The builder the next token describes: the last dependency, or this spec.</summary>
        public Builder Node => _dependencies.Count > 0 ? _dependencies[_dependencies.Count - 1] : this;

        public void Add(SpecToken token)
        {
            if (_start < 0)
            {
                _start = token.Start;
            }

            _end = token.End;
            if (token.Kind == SpecTokenKind.Dependency && _edge is null)
            {
                _dependencies.Add(new Builder(_text, token) { _start = token.Start, _end = token.End });
                return;
            }

            if (_dependencies.Count > 0)
            {
                Node.Add(token);
                return;
            }

            switch (token.Kind)
            {
                case SpecTokenKind.Name:
                    Name = token.Text == "*" ? null : token.Text; // '*' is Spack's anonymous spec
                    _named = true;
                    break;
                case SpecTokenKind.Version:
                    if (_version is not null)
                    {
                        throw Error(token.Start, token.End - token.Start, "A spec has one version list; this is a second '@'.");
                    }

                    _version = Versions(token.Text, token.ValueStart, token.End);
                    break;
                case SpecTokenKind.Compiler:
                    if (token.Value is not null)
                    {
                        Versions(token.Value, token.ValueStart, token.End); // reject a malformed list where it is written
                    }

                    _compilers.Add(token.Value is null ? token.Text : token.Text + "@" + token.Value);
                    break;
                case SpecTokenKind.BoolVariant:
                    _variants.Add((token.Flag ? "+" : "~") + token.Text);
                    break;
                case SpecTokenKind.KeyValue:
                    KeyValue(token);
                    break;
                case SpecTokenKind.Hash:
                    Hash = token.Text;
                    break;
                default:
                    throw Error(token.Start, 1, "A dependency's own dependencies are written after the spec: hdf5 ^openmpi ^hwloc.");
            }
        }

        public SpecConstraint Build()
        {
            if (_edge is not null && !_named && Name is null && _version is null && _compilers.Count == 0 && _variants.Count == 0
                && _platform is null && _os is null && _target is null && Hash is null)
            {
                throw Error(_edge.Start, 1, "A dependency is expected after '^'.");
            }

            var dependencies = _dependencies.ConvertAll(d => d.Build());
            return new SpecConstraint(_text.Substring(_start, _end - _start), Name, _version, _compilers.ToArray(), _variants.ToArray(),
                _platform, _os, _target, Hash)
            {
                Source = _text,
                Start = _start,
                Dependencies = dependencies,
                Virtuals = _edge?.Virtuals ?? System.Array.Empty<string>(),
                DependencyTypes = _edge?.DependencyTypes ?? DependencyTypes.None,
            };
        }

        private void KeyValue(SpecToken token)
        {
            string key = token.Text, value = token.Value!;
            switch (key.ToLowerInvariant())
            {
                case "platform":
                    Set(ref _platform, value, token);
                    break;
                case "os":
                case "operating_system":
                    Set(ref _os, value, token);
                    break;
                case "target":
                    Set(ref _target, Target(value, token), token);
                    break;
                case "arch":
                case "architecture":
                    Architecture(value, token);
                    break;
                default:
                    // Spack reads name=true / name=false as the boolean variant +name / ~name.
                    bool boolean = !token.Flag && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase));
                    _variants.Add(boolean
                        ? (value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "+" : "~") + key
                        : key + (token.Flag ? ":=" : "=") + value);
                    break;
            }
        }

        // arch=platform-os-target, Spack's older triplet; an empty or "None" part leaves that part open.
        private void Architecture(string value, SpecToken token)
        {
            string[] parts = value.Split('-');
            if (parts.Length != 3)
            {
                throw Error(token.ValueStart, token.End - token.ValueStart,
                    $"'{value}' is not an architecture: write arch=platform-os-target, e.g. arch=linux-ubuntu22.04-x86_64_v3.");
            }

            if (Open(parts[0]) is { } platform)
            {
                Set(ref _platform, platform, token);
            }

            if (Open(parts[1]) is { } os)
            {
                Set(ref _os, os, token);
            }

            if (Open(parts[2]) is { } target)
            {
                Set(ref _target, Target(target, token), token);
            }
        }

        private static string? Open(string part) => part.Length == 0 || part == "None" ? null : part;

        private string Target(string value, SpecToken token)
        {
            try
            {
                TargetConstraint.Parse(value);
                return value;
            }
            catch (FormatException ex)
            {
                throw Error(token.ValueStart, token.End - token.ValueStart, ex.Message);
            }
        }

        private VersionConstraint Versions(string list, int start, int end)
        {
            try
            {
                return VersionConstraint.Parse(list, _text);
            }
            catch (FormatException ex)
            {
                throw Error(start, end - start, ex.Message);
            }
        }

        private void Set(ref string? field, string value, SpecToken token)
        {
            if (field is not null)
            {
                throw Error(token.Start, token.End - token.Start,
                    $"The spec gives its {token.Text.ToLowerInvariant()} twice; one spec has one platform, OS and target.");
            }

            field = value;
        }

        private CacheMetaException Error(int start, int length, string reason) => SpecSyntaxError.At(_text, start, length, reason);
    }
}
