using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Pages;
using CacheMeta.Sources;

namespace CacheMeta.Graph;

/// <summary>What a graph is read with.</summary>
internal sealed class GraphReadOptions
{
    /// <summary>
    /// A graph of the DAG alone (names, versions, statuses, edges), the quickest to read; the records' other fields
    /// are then skipped unchecked, so a record malformed only there is not found.
    /// </summary>
    public static readonly Func<string, bool> NoValues = _ => false;

    /// <summary>The tag the spec records belong to (null for a lone mirror).</summary>
    public string? Tag { get; set; }

    /// <summary>The stacks a hash is in, for the spec records; none when null.</summary>
    public Func<string, IReadOnlyList<string>>? StacksOf { get; set; }

    /// <summary>
    /// The packages whose records are read whole and become spec records (<see cref="GraphNode.Values"/>): every
    /// package when null, none with <see cref="NoValues"/>. The others are read for their DAG only.
    /// </summary>
    public Func<string, bool>? ValuesFor { get; set; }

    /// <summary>
    /// False to read the records <see cref="ValuesFor"/> names whole (so a malformed one is skipped, as the spec
    /// reader skips it) without keeping spec records: an audit's reading.
    /// </summary>
    public bool KeepValues { get; set; } = true;

    /// <summary>The source the spec records name as having read them (<see cref="CacheSpec.Origin"/>), so they can be piped on.</summary>
    public ISpecSource? Origin { get; set; }

    /// <summary>Progress; and a warning per skipped record unless <see cref="WarnSkipped"/> is false.</summary>
    public ISourceObserver Observer { get; set; } = NullSourceObserver.Instance;

    /// <summary>False when the caller reports <see cref="IndexGraph.Skipped"/> itself (an audit makes findings of them).</summary>
    public bool WarnSkipped { get; set; } = true;
}

/// <summary>
/// Reads a whole build-cache index into an <see cref="IndexGraph"/> in one streaming pass. Every record's edges are
/// read (a graph needs them all); the other fields only for the packages <see cref="GraphReadOptions.ValuesFor"/>
/// names. Records come in any order, so spec records are made after the pass, when every compiler record is known:
/// their compilers then come out exactly as the streaming spec reader gives them. A record that is malformed, has a
/// key that is not a hash, or repeats an earlier key is left out and listed in <see cref="IndexGraph.Skipped"/>.
/// </summary>
internal static class IndexGraphReader
{
    public static IndexGraph Read(LocalIndex index, GraphReadOptions options, CancellationToken cancellationToken)
    {
        var progress = new FileProgress(options.Observer, "Reading index", index.Origin);
        using var document = new IndexDocumentReader(() => Opened(index, progress), index.Origin);
        document.Open();
        var parser = new IndexRecordParser(document.Version, everyEdge: true);
        var record = new IndexRecord();
        var wanted = options.ValuesFor ?? (_ => true);
        var nodes = new List<GraphNode>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<(GraphNode Node, Pending Values)>();
        var skipped = new List<SkippedRecord>();
        while (document.NextRecord(out string key, out int offset, out int length, out var shape))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? problem = !IndexRecordKey.LooksLikeHash(key) ? IndexRecordKey.NotAHash
                : parser.ParseWhole(new ReadOnlySpan<byte>(document.Window, offset, length), wanted, record, shape)
                ?? (known.Add(key) ? null : "an earlier record has the same key");
            if (problem is not null)
            {
                skipped.Add(new SkippedRecord(key, record.Name, problem, IndexRecordKey.Skipped(key, index.Origin, problem)));
                if (options.WarnSkipped)
                {
                    options.Observer.Warning(skipped[skipped.Count - 1].Message);
                }

                continue;
            }

            var node = new GraphNode(nodes.Count, parser.SharedHash(key), record.Name!, record.Version!, record.InBuildcache, record.External,
                record.Dependencies);
            nodes.Add(node);
            if (record.Complete && options.KeepValues)
            {
                pending.Add((node, new Pending(record)));
            }

            progress.Tick();
        }

        progress.Complete();
        var graph = new IndexGraph(nodes, index.Origin, skipped);
        new SpecMaker(graph, document.Version, options, index.Origin).Complete(pending);
        return graph;
    }

    private static Stream Opened(LocalIndex index, FileProgress progress)
    {
        var stream = index.Open(out var file);
        progress.Track(file);
        return stream;
    }

    // A record's values, kept until the pass ends (the parser's record is refilled).
    private sealed class Pending
    {
        public Pending(IndexRecord record)
        {
            Arch = record.Arch;
            Variants = record.Variants;
            NodeCompiler = record.NodeCompiler;
            Annotated = record.AnnotatedCompiler;
            CompilerHash = record.CompilerHash;
        }

        public ArchParts Arch { get; }

        public IReadOnlyList<string> Variants { get; }

        public string? NodeCompiler { get; }

        public string? Annotated { get; }

        public string? CompilerHash { get; }
    }

    // Turns the pending records into spec records, sharing derived values as the spec reader does.
    private sealed class SpecMaker
    {
        private readonly IndexGraph _graph;
        private readonly int _version;
        private readonly GraphReadOptions _options;
        private readonly string _origin;
        private readonly SpecFactory _factory;
        private readonly Dictionary<(string, string), string> _compilers = new();
        private readonly Dictionary<string, IReadOnlyList<string>> _versions = new(StringComparer.Ordinal);
        private static readonly IReadOnlyList<string> NoStacks = Array.Empty<string>();

        public SpecMaker(IndexGraph graph, int version, GraphReadOptions options, string origin)
        {
            _graph = graph;
            _version = version;
            _options = options;
            _origin = origin;
            _factory = new SpecFactory(options.Origin);
        }

        public void Complete(List<(GraphNode Node, Pending Values)> pending)
        {
            foreach (var (node, values) in pending)
            {
                var arch = values.Arch;
                node.Values = _factory.Create(node.Name, _options.Tag, node.Hash, Versions(node.Version), Compiler(values), arch.OS,
                    arch.Platform, arch.Target, values.Variants, _options.StacksOf?.Invoke(node.Hash) ?? NoStacks, size: null,
                    tarball: null, _origin, node.Edges);
            }
        }

        // Database 7 and older: the node's own compiler. From database 8: the record its compiler edge leads to.
        private string Compiler(Pending values)
        {
            if (_version < DatabaseVersion.CompilersAsDependencies)
            {
                return values.NodeCompiler ?? values.Annotated ?? CompilerText.None;
            }

            if (_graph.Find(values.CompilerHash) is not { } compiler)
            {
                return values.Annotated ?? CompilerText.None;
            }

            if (!_compilers.TryGetValue((compiler.Name, compiler.Version), out string? text))
            {
                text = CompilerText.Plain(compiler.Name, compiler.Version);
                _compilers.Add((compiler.Name, compiler.Version), text);
            }

            return text;
        }

        private IReadOnlyList<string> Versions(string version)
        {
            if (!_versions.TryGetValue(version, out var list))
            {
                list = new ReadOnlyCollection<string>(new[] { version });
                _versions.Add(version, list);
            }

            return list;
        }
    }
}
